package org.citygate.gateway.journal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The journal on SQLite: one writer thread behind a {@link GroupCommitter} applies each group of
 * appends, acknowledgements and housekeeping in one transaction and one {@code fsync}; readers use
 * a second connection. The bookkeeping (positions, per-lane depth and bytes, cursors, drop
 * counters) lives in memory on the writer thread, is saved in the same transaction as the rows, and
 * is published to readers only after the commit; a failed commit restores it.
 */
final class SqliteJournal implements Journal {

  static final String DB_FILE = "journal.db";
  static final String LOCK_FILE = "journal.lock";

  /** Most payload bytes one {@link #read} returns (at least one record). */
  static final long READ_MAX_BYTES = 4L << 20;

  /** Largest {@code max} for {@link #read}. */
  static final int MAX_READ = 100_000;

  private static final System.Logger LOG = System.getLogger(SqliteJournal.class.getName());
  private static final Lane[] LANES = Lane.values();

  /** Knobs for tests: the clock, a cap on the file (to make "disk full"), the idle tick. */
  record Tuning(Clock clock, long maxPageCount, Duration idleTick) {
    static final Tuning DEFAULT = new Tuning(Clock.systemUTC(), 0, Duration.ofSeconds(1));
  }

  private final JournalConfig config;
  private final Clock clock;
  private final SqliteStore store;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final Object readLock = new Object();
  private final AtomicLongArray refused =
      new AtomicLongArray(LANES.length * RefusalReason.values().length);
  private final long sweepEveryMillis;
  private final GroupCommitter<Work> committer;
  private final Bounds bounds;
  private Bookkeeping state; // writer thread only, once the committer runs
  private volatile Bookkeeping.Snapshot published;
  private volatile boolean closed;
  private boolean failing; // writer thread only: the last commit failed
  private FileStore fileStore; // writer thread only: the journal's file system

  private SqliteJournal(
      JournalConfig config,
      Tuning tuning,
      SqliteStore store,
      FileChannel lockChannel,
      FileLock fileLock)
      throws SQLException {
    this.config = config;
    this.clock = tuning.clock();
    this.store = store;
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
    this.sweepEveryMillis = Math.max(1_000, Math.min(60_000, config.maxAge().toMillis() / 60));
    this.bounds = new Bounds(config, store);
    this.state = load();
    publish();
    this.committer =
        new GroupCommitter<>(
            "citygate-journal-writer",
            config.maxQueuedBytes(),
            config.maxCommitRecords(),
            tuning.idleTick(),
            new GroupCommitter.Writer<>() {
              @Override
              public void write(List<Work> group) {
                SqliteJournal.this.write(group, true);
              }

              @Override
              public void idle() {
                if (clock.millis() >= state.nextSweepAt) {
                  SqliteJournal.this.write(List.of(), false);
                }
              }
            });
  }

  static SqliteJournal open(JournalConfig config) {
    return open(config, Tuning.DEFAULT);
  }

  static SqliteJournal open(JournalConfig config, Tuning tuning) {
    Path dir = config.directory();
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        fsyncDirectory(dir.toAbsolutePath().getParent());
      }
    } catch (IOException e) {
      throw new JournalException("cannot create journal.directory " + dir + ": " + e, e);
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = lockExclusively(channel, dir);
      SqliteStore store = SqliteStore.open(dir.resolve(DB_FILE), tuning.maxPageCount());
      try {
        fsyncDirectory(dir);
        return new SqliteJournal(config, tuning, store, channel, lock);
      } catch (SQLException | RuntimeException e) {
        store.close();
        throw e;
      }
    } catch (IOException | SQLException e) {
      closeQuietly(channel);
      throw new JournalException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static FileLock lockExclusively(FileChannel channel, Path dir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      throw new JournalException("the journal in " + dir + " is already open in this process", e);
    }
    if (lock == null) {
      throw new JournalException(
          "the journal in "
              + dir
              + " is in use by another process (it holds "
              + LOCK_FILE
              + "); stop that gateway first");
    }
    return lock;
  }

  /** Loads the bookkeeping and registers newly configured consumers, in one commit. */
  private Bookkeeping load() throws SQLException {
    store.begin();
    Bookkeeping s = Bookkeeping.load(store);
    for (String name : config.consumers()) {
      if (!s.cursors.containsKey(name)) {
        s.cursors.put(name, Cursor.START);
        store.saveCursor(name, Cursor.START);
      }
    }
    s.save(store, null);
    store.commit();
    List<String> stale =
        s.cursors.keySet().stream().filter(n -> !config.consumers().contains(n)).toList();
    LOG.log(
        Level.INFO,
        "journal opened in {0}: {1} records, {2} bytes, consumers {3}",
        config.directory(),
        String.valueOf(s.totalRecords()),
        String.valueOf(s.totalBytes()),
        s.cursors.keySet());
    if (!stale.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "journal consumers {0} are no longer configured but still hold back deletion;"
              + " remove them with removeConsumer once their data is no longer needed",
          stale);
    }
    return s;
  }

  // ---- the API ----

  @Override
  public CompletableFuture<List<AppendOutcome>> appendAsync(List<JournalRecord> records) {
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    AppendWork work = new AppendWork(List.copyOf(records));
    return switch (committer.offer(work)) {
      case ACCEPTED -> work.future;
      case FULL ->
          CompletableFuture.completedFuture(
              refuseAll(
                  work.batch,
                  RefusalReason.OVERLOADED,
                  "the journal is overloaded: "
                      + work.bytes
                      + " more bytes would exceed journal.maxQueuedBytes ("
                      + config.maxQueuedBytes()
                      + ") waiting for the disk; retry shortly"));
      case CLOSED ->
          CompletableFuture.completedFuture(
              refuseAll(work.batch, RefusalReason.CLOSED, "the journal is closed"));
    };
  }

  @Override
  public JournalBatch read(String consumer, int max) {
    if (max < 1 || max > MAX_READ) {
      throw new IllegalArgumentException("max must be 1 to " + MAX_READ + ", got " + max);
    }
    Cursor acked = cursorOf(consumer);
    List<JournalEntry> entries = new ArrayList<>();
    synchronized (readLock) {
      checkOpen();
      long budget = READ_MAX_BYTES;
      try {
        for (Lane lane : LANES) {
          if (entries.size() >= max || budget <= 0) {
            break;
          }
          for (JournalEntry e :
              store.readLane(lane, acked.get(lane), max - entries.size(), budget)) {
            entries.add(e);
            budget -= e.record().payloadUnsafe().length;
          }
        }
      } catch (SQLException e) {
        store.resetReader();
        throw new JournalException("reading the journal failed: " + e.getMessage(), e);
      }
    }
    Cursor upTo = acked;
    for (JournalEntry e : entries) {
      Lane lane = e.record().lane();
      upTo = upTo.with(lane, Math.max(upTo.get(lane), e.position()));
    }
    return new JournalBatch(entries, upTo);
  }

  @Override
  public void ack(String consumer, Cursor upTo) {
    cursorOf(consumer);
    if (upTo == null) {
      throw new IllegalArgumentException("upTo is missing");
    }
    submitAndWait(new ControlWork(consumer, upTo));
  }

  @Override
  public void removeConsumer(String consumer) {
    if (config.consumers().contains(consumer)) {
      throw new IllegalArgumentException(
          "consumer '" + consumer + "' is in journal.consumers; remove it there first");
    }
    cursorOf(consumer);
    submitAndWait(new ControlWork(consumer, null));
  }

  @Override
  public JournalStats stats() {
    Bookkeeping.Snapshot s = published;
    long now = clock.millis();
    Map<String, JournalStats.ConsumerStats> consumers = new TreeMap<>();
    synchronized (readLock) {
      checkOpen();
      try {
        for (Map.Entry<String, Cursor> c : s.cursors.entrySet()) {
          long oldest = Long.MAX_VALUE;
          for (Lane lane : LANES) {
            long at = store.firstAppendedAfter(lane, c.getValue().get(lane));
            if (at >= 0) {
              oldest = Math.min(oldest, at);
            }
          }
          Duration age =
              oldest == Long.MAX_VALUE
                  ? Duration.ZERO
                  : Duration.ofMillis(Math.max(0, now - oldest));
          consumers.put(
              c.getKey(),
              new JournalStats.ConsumerStats(
                  c.getValue(), age, config.consumers().contains(c.getKey())));
        }
      } catch (SQLException e) {
        store.resetReader();
        throw new JournalException("reading the journal's backlog failed: " + e.getMessage(), e);
      }
    }
    Map<Lane, JournalStats.LaneStats> lanes = new EnumMap<>(Lane.class);
    long bytes = 0;
    for (Lane lane : LANES) {
      int i = lane.ordinal();
      Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
      for (DropReason reason : DropReason.values()) {
        dropped.put(reason, s.dropped[i][reason.ordinal()]);
      }
      Map<RefusalReason, Long> refusals = new EnumMap<>(RefusalReason.class);
      for (RefusalReason reason : RefusalReason.values()) {
        refusals.put(reason, refused.get(refusedIndex(lane, reason)));
      }
      lanes.put(lane, new JournalStats.LaneStats(s.records[i], s.bytes[i], dropped, refusals));
      bytes += s.bytes[i];
    }
    return new JournalStats(lanes, bytes, config.maxBytes(), consumers, s.appended, s.commits);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    committer.close();
    synchronized (readLock) {
      try {
        store.close();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "closing the journal's store failed", e);
      }
    }
    try {
      fileLock.release();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "releasing " + LOCK_FILE + " failed", e);
    }
    closeQuietly(lockChannel);
  }

  /** What a pragma reads back on the writer connection, e.g. {@code synchronous}. */
  String pragma(String name) {
    try {
      return store.pragma(name);
    } catch (SQLException e) {
      throw new JournalException(e.getMessage(), e);
    }
  }

  // ---- the writer thread ----

  /**
   * Applies a group in one transaction and commits it; on failure rolls everything back, refuses
   * the group's appends and, if there were any, retries the rest (acknowledgements free space, so
   * they must not be held hostage by appends on a full disk).
   */
  private void write(List<Work> group, boolean count) {
    Bookkeeping before = state.copy();
    List<Runnable> completions = new ArrayList<>(group.size());
    try {
      store.begin();
      long now = Math.max(clock.millis(), state.lastAppendedAt);
      if (now >= state.nextSweepAt) {
        bounds.expire(state, now - config.maxAge().toMillis());
        state.nextSweepAt = now + sweepEveryMillis;
      }
      String lowSpace = lowSpace(group);
      for (Work work : group) {
        completions.add(work.apply(now, lowSpace));
      }
      if (group.stream().anyMatch(w -> w instanceof AppendWork)) {
        state.lastAppendedAt = now; // an idle sweep writes nothing unless it drops something
      }
      state.save(store, before);
      store.commit();
      if (count) {
        state.commits++;
      }
    } catch (SQLException | RuntimeException e) {
      store.rollback();
      state = before;
      fail(group, e);
      return;
    }
    publish();
    if (failing) {
      failing = false;
      LOG.log(Level.INFO, "journal commits succeed again");
    }
    completions.forEach(Runnable::run);
  }

  /**
   * Why appends must be refused for lack of free space ({@code journal.minFreeBytes}), or null.
   * Asked once per commit that has appends: one {@code statvfs}, a few microseconds. SQLite's file
   * never shrinks: pages freed by acknowledgements are reused, so when the file system is low,
   * appends that fit in the file's free pages still go ahead.
   */
  private String lowSpace(List<Work> group) {
    long incoming = 0;
    for (Work work : group) {
      incoming += work.bytes();
    }
    if (config.minFreeBytes() == 0 || incoming == 0) {
      return null;
    }
    long usable;
    try {
      if (fileStore == null) {
        fileStore = Files.getFileStore(config.directory()); // parses the mount table: once
      }
      usable = fileStore.getUsableSpace(); // statvfs
    } catch (IOException e) {
      return null; // cannot tell: let the store itself report a full disk
    }
    if (usable - incoming >= config.minFreeBytes()) {
      return null;
    }
    try {
      if (store.freeBytesInFile() >= 2 * incoming) {
        return null; // reuses pages freed by acknowledgements: the file does not grow
      }
    } catch (SQLException e) {
      // cannot tell: refuse
    }
    return "only "
        + usable
        + " bytes are free on the journal's file system ("
        + config.directory()
        + "), below journal.minFreeBytes "
        + config.minFreeBytes()
        + "; free space or let the sinks catch up";
  }

  private void fail(List<Work> group, Exception e) {
    boolean diskFull = SqliteStore.isDiskFull(e);
    RefusalReason reason = diskFull ? RefusalReason.DISK_FULL : RefusalReason.IO_ERROR;
    String message =
        diskFull
            ? "no space left for the journal in " + config.directory() + ": " + e.getMessage()
            : "the journal's commit failed: " + e.getMessage();
    if (!failing) {
      failing = true;
      LOG.log(Level.WARNING, message + "; refusing appends until a commit succeeds", e);
    }
    List<Work> others = new ArrayList<>();
    for (Work work : group) {
      if (work instanceof AppendWork append) {
        append.future.complete(refuseAll(append.batch, reason, message));
      } else {
        others.add(work);
      }
    }
    if (!others.isEmpty() && others.size() < group.size()) {
      write(others, true);
    } else {
      for (Work work : others) {
        work.fail(new JournalException(message, e));
      }
    }
  }

  private void publish() {
    published = new Bookkeeping.Snapshot(state);
  }

  // ---- helpers ----

  private Cursor cursorOf(String consumer) {
    Cursor cursor = published.cursors.get(consumer);
    if (cursor == null) {
      throw new IllegalArgumentException(
          "unknown journal consumer '" + consumer + "', known: " + published.cursors.keySet());
    }
    return cursor;
  }

  private void checkOpen() {
    if (closed) {
      throw new JournalException("the journal is closed");
    }
  }

  private void submitAndWait(ControlWork work) {
    if (committer.offer(work) == GroupCommitter.Offer.CLOSED) {
      throw new JournalException("the journal is closed");
    }
    try {
      work.future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new JournalException("the journal failed: " + e.getCause(), e.getCause());
    }
  }

  private List<AppendOutcome> refuseAll(
      List<JournalRecord> records, RefusalReason reason, String message) {
    AppendOutcome.Refused refusal = new AppendOutcome.Refused(reason, message);
    List<AppendOutcome> outcomes = new ArrayList<>(records.size());
    for (JournalRecord r : records) {
      refused.incrementAndGet(refusedIndex(r.lane(), reason));
      outcomes.add(refusal);
    }
    return outcomes;
  }

  private static int refusedIndex(Lane lane, RefusalReason reason) {
    return lane.ordinal() * RefusalReason.values().length + reason.ordinal();
  }

  private static void fsyncDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot fsync a directory; SQLite syncs its own journal files
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  // ---- work and state ----

  private sealed interface Work extends GroupCommitter.Work permits AppendWork, ControlWork {
    /**
     * Applies the work inside the open transaction; the result runs after the commit. {@code
     * lowSpace} says why appends are refused for lack of disk space, or is null.
     */
    Runnable apply(long now, String lowSpace) throws SQLException;
  }

  private final class AppendWork implements Work {
    final List<JournalRecord> batch;
    final long bytes;
    final CompletableFuture<List<AppendOutcome>> future = new CompletableFuture<>();

    AppendWork(List<JournalRecord> batch) {
      this.batch = batch;
      long sum = 0;
      for (JournalRecord r : batch) {
        sum += r.size();
      }
      this.bytes = sum;
    }

    @Override
    public long bytes() {
      return bytes;
    }

    @Override
    public int records() {
      return batch.size();
    }

    @Override
    public void fail(Throwable failure) {
      future.complete(refuseAll(batch, RefusalReason.IO_ERROR, "the journal failed: " + failure));
    }

    @Override
    public Runnable apply(long now, String lowSpace) throws SQLException {
      List<AppendOutcome> outcomes = new ArrayList<>(batch.size());
      AppendOutcome noSpace =
          lowSpace == null ? null : new AppendOutcome.Refused(RefusalReason.DISK_FULL, lowSpace);
      for (JournalRecord r : batch) {
        outcomes.add(noSpace != null ? noSpace : bounds.admit(state, r, now));
      }
      return () -> {
        for (int i = 0; i < outcomes.size(); i++) {
          if (outcomes.get(i) instanceof AppendOutcome.Refused refusal) {
            refused.incrementAndGet(refusedIndex(batch.get(i).lane(), refusal.reason()));
          }
        }
        future.complete(outcomes);
      };
    }
  }

  /** An acknowledgement ({@code upTo} set) or the removal of a consumer ({@code upTo} null). */
  private final class ControlWork implements Work {
    final String consumer;
    final Cursor upTo;
    final CompletableFuture<Void> future = new CompletableFuture<>();

    ControlWork(String consumer, Cursor upTo) {
      this.consumer = consumer;
      this.upTo = upTo;
    }

    @Override
    public long bytes() {
      return 0;
    }

    @Override
    public int records() {
      return 0;
    }

    @Override
    public void fail(Throwable failure) {
      future.completeExceptionally(failure);
    }

    @Override
    public Runnable apply(long now, String lowSpace) throws SQLException {
      Cursor old = state.cursors.get(consumer);
      if (old == null) {
        return () ->
            future.completeExceptionally(
                new IllegalArgumentException("unknown journal consumer '" + consumer + "'"));
      }
      if (upTo != null && upTo.highest() >= state.nextPosition) {
        long last = state.nextPosition - 1;
        return () ->
            future.completeExceptionally(
                new IllegalArgumentException(
                    "cannot acknowledge up to "
                        + upTo
                        + ": the last appended position is "
                        + last));
      }
      if (upTo == null) {
        store.deleteConsumer(consumer);
        state.cursors.remove(consumer);
        bounds.deleteAcknowledged(state);
      } else {
        Cursor next = old.max(upTo);
        if (!next.equals(old)) {
          store.saveCursor(consumer, next);
          state.cursors.put(consumer, next);
          bounds.deleteAcknowledged(state);
        }
      }
      return () -> future.complete(null);
    }
  }
}
