package org.citygate.gateway.journal;

/**
 * What became of one appended record: {@link Appended} (durable: acknowledge the device) or {@link
 * Refused} (not kept: do not acknowledge).
 */
public sealed interface AppendOutcome permits AppendOutcome.Appended, AppendOutcome.Refused {

  /** Whether the record is durably in the journal. */
  default boolean isAppended() {
    return this instanceof Appended;
  }

  /**
   * The record is committed and on disk ({@code fsync} returned) at {@code position}.
   *
   * @param position its position, for acknowledgements and tracing
   */
  record Appended(long position) implements AppendOutcome {
    /** Positions start at 1. */
    public Appended {
      if (position < 1) {
        throw new IllegalArgumentException("position " + position + " is not positive");
      }
    }
  }

  /**
   * The record is not in the journal and must not be acknowledged.
   *
   * @param reason why, for the device's error response and the metrics
   * @param message what was wrong, in words
   */
  record Refused(RefusalReason reason, String message) implements AppendOutcome {
    /** Both are required. */
    public Refused {
      if (reason == null || message == null) {
        throw new IllegalArgumentException("a refusal needs a reason and a message");
      }
    }
  }
}
