package org.citygate.gateway.sink.influx;

import java.util.List;

/**
 * What became of a list of readings given to {@link InfluxWriter#write}.
 *
 * <p>Readings {@code [0, settled())} are done: each was written or is in {@link #refused()}. The
 * caller dead-letters the refused readings and, after a {@link RetryLater}, writes the readings
 * from {@code settled()} on again after a backoff (writes are idempotent, so anything of them that
 * did reach the database is only overwritten).
 */
public sealed interface WriteResult {
  /** How many readings were written. */
  int written();

  /** Readings refused for good, with the reason: for the dead-letter store. */
  List<Refusal> refused();

  /** How many leading readings are done (written or refused). */
  int settled();

  /** Every reading was written or refused. */
  record Complete(int written, List<Refusal> refused) implements WriteResult {
    /** Copies the list. */
    public Complete {
      refused = List.copyOf(refused);
    }

    @Override
    public int settled() {
      return written + refused.size();
    }
  }

  /**
   * The database could not take the rest now (unreachable, 5xx, 429, misconfigured); nothing is
   * lost.
   *
   * @param reason the last failure, for logs and metrics
   */
  record RetryLater(int written, List<Refusal> refused, String reason) implements WriteResult {
    /** Copies the list. */
    public RetryLater {
      refused = List.copyOf(refused);
    }

    @Override
    public int settled() {
      return written + refused.size();
    }
  }

  /** A reading the database will never accept as it is, and why. */
  record Refusal(StoredReading reading, String reason) {}
}
