package org.citygate.gateway.journal;

/**
 * What a lane does with a new record when the journal is at {@code journal.maxBytes}.
 *
 * <p>Whatever the policies, a new fault or command first makes room by dropping the oldest
 * telemetry ({@link DropReason#PRIORITY}); its own lane's policy applies only once no telemetry is
 * left.
 */
public enum OverflowPolicy {
  /**
   * Refuse the new record ({@link RefusalReason#FULL}): the device is not acknowledged and keeps or
   * resends it; nothing acknowledged is lost. The default for every lane.
   */
  REJECT_NEW,
  /**
   * Drop the lane's oldest records until the new one fits ({@link DropReason#OVERFLOW}): fresh data
   * wins, and records that were acknowledged are lost (counted).
   */
  DROP_OLDEST
}
