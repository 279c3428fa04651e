package org.citygate.gateway.journal;

import java.util.List;

/**
 * What {@link Journal#read} returns: the next records for a consumer, faults first, then commands,
 * then telemetry, each lane in position order, and the cursor to acknowledge them.
 *
 * @param entries the records, possibly none
 * @param upTo the consumer's acknowledged cursor moved past every entry here: pass it to {@link
 *     Journal#ack} once the entries are safely handled
 */
public record JournalBatch(List<JournalEntry> entries, Cursor upTo) {

  /** Copies the list. */
  public JournalBatch {
    entries = List.copyOf(entries);
    if (upTo == null) {
      throw new IllegalArgumentException("upTo is missing");
    }
  }

  /** Whether there was nothing to read. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** How many records. */
  public int size() {
    return entries.size();
  }
}
