package org.citygate.gateway.journal;

/**
 * A journaled record as a consumer reads it.
 *
 * @param position where it is in the journal: unique, increasing in append order, never reused
 * @param appendedAtMillis when the journal committed it (the journal's clock, never going back)
 * @param record the record as appended
 */
public record JournalEntry(long position, long appendedAtMillis, JournalRecord record) {

  /** Positions start at 1. */
  public JournalEntry {
    if (position < 1) {
      throw new IllegalArgumentException("position " + position + " is not positive");
    }
    if (record == null) {
      throw new IllegalArgumentException("record is missing");
    }
  }
}
