package org.citygate.gateway.journal;

/** Why the journal refused to keep a record. Each refusal is counted in {@link JournalStats}. */
public enum RefusalReason {
  /**
   * The journal is at {@code journal.maxBytes} and the lane's {@link OverflowPolicy} (or, for a
   * fault or command, the lack of any telemetry to give way) says refuse. Retry later.
   */
  FULL,
  /** The file system has no space left. Retry after consumers catch up or space is freed. */
  DISK_FULL,
  /** Another I/O error from the store; the message says which. */
  IO_ERROR,
  /** Too many appends are waiting for the disk ({@code journal.maxQueuedBytes}). Retry soon. */
  OVERLOADED,
  /** The journal is closed. */
  CLOSED
}
