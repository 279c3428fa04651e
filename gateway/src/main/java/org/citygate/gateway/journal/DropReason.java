package org.citygate.gateway.journal;

/**
 * Why the journal dropped a record that it had acknowledged, before every consumer had acknowledged
 * it. Each drop is counted in {@link JournalStats}; nothing else ever removes an unconsumed record.
 */
public enum DropReason {
  /** Its own lane's policy is {@link OverflowPolicy#DROP_OLDEST} and a newer record needed room. */
  OVERFLOW,
  /** A telemetry record gave way to a fault or command when the journal was full. */
  PRIORITY,
  /** It was older than {@code journal.maxAge}. */
  EXPIRED
}
