package org.citygate.gateway.journal;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The journal's bounds, applied inside the writer's transaction: admission against {@code
 * journal.maxBytes} with the lanes' overflow policies, expiry by {@code journal.maxAge}, and
 * deletion of what every consumer has acknowledged. Each drop is counted in the bookkeeping.
 *
 * <p>The rule for a record that does not fit: a fault or command first pushes out the oldest
 * telemetry ({@link DropReason#PRIORITY}), whatever telemetry's policy; then a lane whose policy is
 * {@link OverflowPolicy#DROP_OLDEST} drops its own oldest ({@link DropReason#OVERFLOW}); otherwise,
 * or if that would still not make room, the record is refused and nothing is dropped.
 */
final class Bounds {
  private static final int CHUNK = 256;

  private final JournalConfig config;
  private final SqliteStore store;

  Bounds(JournalConfig config, SqliteStore store) {
    this.config = config;
    this.store = store;
  }

  /** Inserts {@code r} at the next position if it fits (after drops), or refuses it. */
  AppendOutcome admit(Bookkeeping b, JournalRecord r, long now) throws SQLException {
    Lane lane = r.lane();
    long size = r.size();
    long over = b.totalBytes() + size - config.maxBytes();
    if (over > 0) {
      long telemetry = lane == Lane.TELEMETRY ? 0 : b.bytes[Lane.TELEMETRY.ordinal()];
      long own = config.overflow(lane) == OverflowPolicy.DROP_OLDEST ? b.bytes[lane.ordinal()] : 0;
      if (telemetry + own < over) {
        return new AppendOutcome.Refused(
            RefusalReason.FULL,
            "the journal is full ("
                + b.totalBytes()
                + " of journal.maxBytes "
                + config.maxBytes()
                + ") and journal.overflow."
                + lane.name().toLowerCase(Locale.ROOT)
                + " is "
                + config.overflow(lane)
                + (lane == Lane.TELEMETRY ? "" : " with no telemetry left to give way"));
      }
      if (telemetry > 0) {
        over -= drop(b, Lane.TELEMETRY, over, DropReason.PRIORITY);
      }
      if (over > 0) {
        drop(b, lane, over, DropReason.OVERFLOW);
      }
    }
    long position = b.nextPosition++;
    store.insert(position, lane, now, r, size);
    b.records[lane.ordinal()]++;
    b.bytes[lane.ordinal()] += size;
    b.appended++;
    return new AppendOutcome.Appended(position);
  }

  /** Drops, lane by lane, the records appended before {@code cutoff}. */
  void expire(Bookkeeping b, long cutoff) throws SQLException {
    for (Lane lane : Lane.values()) {
      if (b.records[lane.ordinal()] == 0) {
        continue;
      }
      long last = 0;
      boolean more = true;
      while (more) {
        List<long[]> rows = store.oldest(lane, last, CHUNK);
        more = rows.size() == CHUNK;
        for (long[] row : rows) {
          if (row[2] >= cutoff) {
            more = false;
            break;
          }
          last = row[0];
        }
      }
      if (last > 0) {
        delete(b, lane, last, DropReason.EXPIRED);
      }
    }
  }

  /** Deletes what every consumer has acknowledged (not a drop: nothing is counted). */
  void deleteAcknowledged(Bookkeeping b) throws SQLException {
    for (Lane lane : Lane.values()) {
      long min = Long.MAX_VALUE;
      for (Cursor c : b.cursors.values()) {
        min = Math.min(min, c.get(lane));
      }
      if (min != Long.MAX_VALUE && min > 0 && b.records[lane.ordinal()] > 0) {
        delete(b, lane, min, null);
      }
    }
  }

  /** Drops a lane's oldest records until {@code needed} bytes are free; returns bytes freed. */
  private long drop(Bookkeeping b, Lane lane, long needed, DropReason reason) throws SQLException {
    long freed = 0;
    long last = 0;
    List<long[]> rows;
    do {
      rows = store.oldest(lane, last, CHUNK);
      for (long[] row : rows) {
        last = row[0];
        freed += row[1];
        if (freed >= needed) {
          break;
        }
      }
    } while (freed < needed && rows.size() == CHUNK);
    return delete(b, lane, last, reason);
  }

  private long delete(Bookkeeping b, Lane lane, long upTo, DropReason reason) throws SQLException {
    long[] countAndBytes = store.deleteUpTo(lane, upTo);
    b.removed(lane, countAndBytes[0], countAndBytes[1], reason);
    return countAndBytes[1];
  }
}
