package org.citygate.gateway.journal;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal's bookkeeping: next position, per-lane depth and bytes, cursors, counters. Owned by
 * the writer thread, saved (in {@code meta} and {@code consumer}) in the same transaction as the
 * rows it describes, copied before each transaction so that a failed commit can restore it, and
 * published to readers as an immutable {@link Snapshot} after each commit.
 */
final class Bookkeeping {
  private static final int LANES = Lane.values().length;

  long nextPosition = 1;
  long lastAppendedAt;
  long nextSweepAt;
  long appended;
  long commits;
  final long[] records = new long[LANES];
  final long[] bytes = new long[LANES];
  final long[][] dropped = new long[LANES][DropReason.values().length];
  final Map<String, Cursor> cursors = new TreeMap<>();

  /** Reads what {@link #save} wrote, and the cursors. */
  static Bookkeeping load(SqliteStore store) throws SQLException {
    Map<String, Long> meta = store.loadMeta();
    Bookkeeping b = new Bookkeeping();
    b.nextPosition = Math.max(meta.getOrDefault("next_position", 1L), store.maxPosition() + 1);
    b.lastAppendedAt = meta.getOrDefault("last_appended_at", 0L);
    for (Lane lane : Lane.values()) {
      b.records[lane.ordinal()] = meta.getOrDefault("records." + lane.code(), 0L);
      b.bytes[lane.ordinal()] = meta.getOrDefault("bytes." + lane.code(), 0L);
    }
    b.cursors.putAll(store.loadCursors());
    return b;
  }

  /** Saves what changed since {@code before} (everything if null) in the open transaction. */
  void save(SqliteStore store, Bookkeeping before) throws SQLException {
    if (before == null || before.nextPosition != nextPosition) {
      store.saveMeta("next_position", nextPosition);
    }
    if (before == null || before.lastAppendedAt != lastAppendedAt) {
      store.saveMeta("last_appended_at", lastAppendedAt);
    }
    for (Lane lane : Lane.values()) {
      int i = lane.ordinal();
      if (before == null || before.records[i] != records[i]) {
        store.saveMeta("records." + lane.code(), records[i]);
      }
      if (before == null || before.bytes[i] != bytes[i]) {
        store.saveMeta("bytes." + lane.code(), bytes[i]);
      }
    }
  }

  Bookkeeping copy() {
    Bookkeeping c = new Bookkeeping();
    c.nextPosition = nextPosition;
    c.lastAppendedAt = lastAppendedAt;
    c.nextSweepAt = nextSweepAt;
    c.appended = appended;
    c.commits = commits;
    System.arraycopy(records, 0, c.records, 0, records.length);
    System.arraycopy(bytes, 0, c.bytes, 0, bytes.length);
    for (int i = 0; i < dropped.length; i++) {
      c.dropped[i] = dropped[i].clone();
    }
    c.cursors.putAll(cursors);
    return c;
  }

  /** Records {@code count} records of {@code bytes} gone from {@code lane}, and why (or null). */
  void removed(Lane lane, long count, long bytes, DropReason reason) {
    int i = lane.ordinal();
    records[i] -= count;
    this.bytes[i] -= bytes;
    if (reason != null) {
      dropped[i][reason.ordinal()] += count;
    }
  }

  long totalBytes() {
    long sum = 0;
    for (long b : bytes) {
      sum += b;
    }
    return sum;
  }

  long totalRecords() {
    long sum = 0;
    for (long r : records) {
      sum += r;
    }
    return sum;
  }

  /** What readers see: the bookkeeping as of the last commit. */
  static final class Snapshot {
    final long appended;
    final long commits;
    final long[] records;
    final long[] bytes;
    final long[][] dropped;
    final Map<String, Cursor> cursors;

    Snapshot(Bookkeeping b) {
      Bookkeeping c = b.copy();
      appended = c.appended;
      commits = c.commits;
      records = c.records;
      bytes = c.bytes;
      dropped = c.dropped;
      cursors = Map.copyOf(c.cursors);
    }
  }
}
