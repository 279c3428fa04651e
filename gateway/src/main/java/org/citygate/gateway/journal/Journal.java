package org.citygate.gateway.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's durable journal: every reading, command and fault is appended here before the
 * device is acknowledged, and the sinks (time-series store, batcher, uplink) read it from here.
 *
 * <p><b>The guarantee.</b> A record whose outcome is {@link AppendOutcome.Appended} is committed
 * and on disk ({@code fsync} returned) before the outcome is delivered, so it survives the process
 * being killed and the power failing. It stays until every consumer has acknowledged it, unless the
 * configured bounds drop it ({@link DropReason}, counted). A {@link AppendOutcome.Refused} record
 * was not kept and must not be acknowledged to the device.
 *
 * <p><b>Group commit.</b> Appends from many threads share commits: callers enqueue, one writer
 * thread commits whatever is waiting in one transaction and one {@code fsync}, then completes each
 * caller's future. Use {@link #appendAsync} from transport callback threads, so one connection's
 * messages can share a commit too.
 *
 * <p><b>Consumers</b> are named in {@link JournalConfig#consumers()}. Each reads faults, then
 * commands, then telemetry, each lane in position order, from its durable cursor; {@link #read}
 * does not move the cursor, {@link #ack} does (durably). After a restart a consumer reads again
 * from its last acknowledgement: delivery is at least once, and sinks are idempotent. A record is
 * deleted once every consumer has acknowledged it.
 *
 * <p>The implementation is SQLite (docs/journal.md says why and what the guarantee depends on).
 * Only one process may open a journal directory at a time.
 */
public interface Journal extends AutoCloseable {

  /**
   * Opens (creating if needed) the journal in {@code config.directory()}. Existing records and
   * cursors are kept whatever the configuration; configured consumers that are new start before the
   * oldest record kept.
   *
   * @throws JournalException if the directory is in use by another process or cannot be opened
   */
  static Journal open(JournalConfig config) {
    return SqliteJournal.open(config);
  }

  /**
   * Appends records, returning one outcome per record in the same order once they are durable (or
   * refused). The future never completes exceptionally; it is completed on the journal's writer
   * thread, so keep its continuations short (e.g. send the acknowledgement).
   */
  CompletableFuture<List<AppendOutcome>> appendAsync(List<JournalRecord> records);

  /** {@link #appendAsync}, waiting for the outcomes. */
  default List<AppendOutcome> append(List<JournalRecord> records) {
    return appendAsync(records).join();
  }

  /**
   * The next records that {@code consumer} has not acknowledged: at most {@code max} records and
   * about 4 MiB. Reading again without acknowledging returns the same records (plus any faults or
   * commands that arrived meanwhile, first).
   *
   * @throws IllegalArgumentException if the consumer is unknown or {@code max} is not in 1..100000
   */
  JournalBatch read(String consumer, int max);

  /**
   * Durably moves {@code consumer}'s cursor up to {@code upTo} (usually {@link JournalBatch#upTo}),
   * then deletes every record that all consumers have acknowledged. A cursor never moves back:
   * positions below the current one are ignored.
   *
   * @throws IllegalArgumentException if the consumer is unknown or {@code upTo} is past the last
   *     appended position
   * @throws JournalException if the commit failed (the cursor did not move)
   */
  void ack(String consumer, Cursor upTo);

  /**
   * Forgets a consumer that is no longer configured, so it stops holding back deletion. Its
   * unacknowledged records are deleted once the other consumers have them.
   *
   * @throws IllegalArgumentException if it is still in {@link JournalConfig#consumers()}
   */
  void removeConsumer(String consumer);

  /** Depths, bytes, cursors, backlog ages and the drop and refusal counters. */
  JournalStats stats();

  /** Commits what is queued, then closes the files. Later appends are refused as CLOSED. */
  @Override
  void close();
}
