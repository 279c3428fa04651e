package org.citygate.gateway.journal;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of the journal for the metrics endpoint, the status page and {@code doctor}.
 *
 * <p>Counters (appended, dropped, refused, commits) count since the journal was opened, as
 * OpenMetrics counters do; depths, bytes and cursors are what is on disk.
 *
 * @param lanes per lane: records kept, their bytes, and the drop and refusal counters
 * @param bytes the records' logical size, summed over the lanes (bounded by {@code maxBytes})
 * @param maxBytes the configured bound
 * @param consumers per consumer, by name: its acknowledged cursor and backlog age
 * @param appended records appended since open
 * @param commits durable commits (one {@code fsync} of the journal each) since open; with group
 *     commit far fewer than appends under load
 */
public record JournalStats(
    Map<Lane, LaneStats> lanes,
    long bytes,
    long maxBytes,
    Map<String, ConsumerStats> consumers,
    long appended,
    long commits) {

  /** Copies the maps. */
  public JournalStats {
    lanes = Map.copyOf(lanes);
    consumers = Map.copyOf(consumers);
  }

  /** Records dropped from {@code lane} for {@code reason} since open. */
  public long dropped(Lane lane, DropReason reason) {
    return lanes.get(lane).dropped().getOrDefault(reason, 0L);
  }

  /** Records refused in {@code lane} for {@code reason} since open. */
  public long refused(Lane lane, RefusalReason reason) {
    return lanes.get(lane).refused().getOrDefault(reason, 0L);
  }

  /** Records kept in all lanes. */
  public long depth() {
    return lanes.values().stream().mapToLong(LaneStats::records).sum();
  }

  /**
   * One lane.
   *
   * @param records records kept
   * @param bytes their logical size
   * @param dropped drops since open, by reason (absent means zero)
   * @param refused refusals since open, by reason (absent means zero)
   */
  public record LaneStats(
      long records, long bytes, Map<DropReason, Long> dropped, Map<RefusalReason, Long> refused) {
    /** Copies the maps. */
    public LaneStats {
      dropped = Map.copyOf(dropped);
      refused = Map.copyOf(refused);
    }
  }

  /**
   * One consumer.
   *
   * @param acked its durable cursor
   * @param oldestUnackedAge how long the oldest record it has not acknowledged has been in the
   *     journal; zero when it has acknowledged everything
   * @param configured whether it is in {@code journal.consumers}; one that is not still holds back
   *     deletion until {@link Journal#removeConsumer} removes it
   */
  public record ConsumerStats(Cursor acked, Duration oldestUnackedAge, boolean configured) {}
}
