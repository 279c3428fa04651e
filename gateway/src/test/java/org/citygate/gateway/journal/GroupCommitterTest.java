package org.citygate.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GroupCommitterTest {

  /** A producer's request: its weight, its record count and the future the writer completes. */
  static final class TestWork implements GroupCommitter.Work {
    final long bytes;
    final int records;
    final CompletableFuture<String> future = new CompletableFuture<>();

    TestWork(long bytes, int records) {
      this.bytes = bytes;
      this.records = records;
    }

    @Override
    public long bytes() {
      return bytes;
    }

    @Override
    public int records() {
      return records;
    }

    @Override
    public void fail(Throwable failure) {
      future.complete("failed: " + failure.getMessage());
    }
  }

  /** Writes by sleeping as long as an fsync takes, and records each group's size. */
  static final class FakeDisk implements GroupCommitter.Writer<TestWork> {
    final List<Integer> groupRecords = new CopyOnWriteArrayList<>();
    final AtomicInteger idles = new AtomicInteger();
    final long fsyncMillis;
    volatile CountDownLatch gate = new CountDownLatch(0);

    FakeDisk(long fsyncMillis) {
      this.fsyncMillis = fsyncMillis;
    }

    @Override
    public void write(List<TestWork> group) {
      try {
        gate.await();
        Thread.sleep(fsyncMillis);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      int records = 0;
      for (TestWork w : group) {
        records += w.records;
        w.future.complete("ok");
      }
      groupRecords.add(records);
    }

    @Override
    public void idle() {
      idles.incrementAndGet();
    }
  }

  @Test
  void concurrentProducersShareCommits() throws Exception {
    FakeDisk disk = new FakeDisk(2);
    int producers = 8;
    int each = 100;
    List<TestWork> works = new CopyOnWriteArrayList<>();
    try (GroupCommitter<TestWork> committer =
        new GroupCommitter<>("test-writer", 1 << 20, 10_000, Duration.ofSeconds(10), disk)) {
      ExecutorService pool = Executors.newFixedThreadPool(producers);
      for (int p = 0; p < producers; p++) {
        pool.submit(
            () -> {
              for (int i = 0; i < each; i++) {
                TestWork w = new TestWork(10, 1);
                assertEquals(GroupCommitter.Offer.ACCEPTED, committer.offer(w));
                works.add(w);
                w.future.join(); // like a device waiting for its acknowledgement
              }
              return null;
            });
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
      for (TestWork w : works) {
        assertEquals("ok", w.future.get());
      }
      assertEquals(producers * each, disk.groupRecords.stream().mapToInt(i -> i).sum());
      assertEquals(disk.groupRecords.size(), committer.groups());
      // 800 appends, each waiting for its own commit, from 8 threads: about 100 commits.
      assertTrue(
          committer.groups() < producers * each / 2,
          "commits " + committer.groups() + " for " + producers * each + " appends");
      assertEquals(0, committer.heldBytes());
    }
  }

  @Test
  void memoryIsBoundedAndOffersNeverBlock() throws Exception {
    FakeDisk disk = new FakeDisk(0);
    disk.gate = new CountDownLatch(1);
    try (GroupCommitter<TestWork> committer =
        new GroupCommitter<>("test-writer", 3_000, 10_000, Duration.ofSeconds(10), disk)) {
      TestWork first = new TestWork(1_000, 1);
      TestWork second = new TestWork(1_000, 1);
      TestWork third = new TestWork(1_000, 1);
      assertEquals(GroupCommitter.Offer.ACCEPTED, committer.offer(first));
      assertEquals(GroupCommitter.Offer.ACCEPTED, committer.offer(second));
      assertEquals(GroupCommitter.Offer.ACCEPTED, committer.offer(third));
      // The writer holds some of them in a group it cannot write yet: they still count.
      assertEquals(GroupCommitter.Offer.FULL, committer.offer(new TestWork(1, 1)));
      assertEquals(3_000, committer.heldBytes());
      disk.gate.countDown();
      assertEquals("ok", third.future.get(5, TimeUnit.SECONDS));
      while (committer.heldBytes() > 0) {
        Thread.onSpinWait();
      }
      assertEquals(GroupCommitter.Offer.ACCEPTED, committer.offer(new TestWork(3_000, 1)));
    }
  }

  @Test
  void groupsStopAtTheRecordLimit() throws Exception {
    FakeDisk disk = new FakeDisk(0);
    disk.gate = new CountDownLatch(1);
    List<TestWork> works = new ArrayList<>();
    try (GroupCommitter<TestWork> committer =
        new GroupCommitter<>("test-writer", 1 << 20, 10, Duration.ofSeconds(10), disk)) {
      for (int i = 0; i < 10; i++) {
        TestWork w = new TestWork(1, 4);
        works.add(w);
        committer.offer(w);
      }
      disk.gate.countDown();
      for (TestWork w : works) {
        w.future.get(5, TimeUnit.SECONDS);
      }
    }
    assertTrue(disk.groupRecords.stream().allMatch(n -> n <= 10), disk.groupRecords.toString());
  }

  @Test
  void closeWritesWhatIsQueuedThenRefuses() throws Exception {
    FakeDisk disk = new FakeDisk(1);
    GroupCommitter<TestWork> committer =
        new GroupCommitter<>("test-writer", 1 << 20, 10_000, Duration.ofSeconds(10), disk);
    List<TestWork> works = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      TestWork w = new TestWork(1, 1);
      works.add(w);
      committer.offer(w);
    }
    committer.close();
    for (TestWork w : works) {
      assertTrue(w.future.isDone());
    }
    assertEquals(GroupCommitter.Offer.CLOSED, committer.offer(new TestWork(1, 1)));
  }

  @Test
  void aBrokenWriterFailsItsGroupAndKeepsGoing() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    GroupCommitter.Writer<TestWork> broken =
        new GroupCommitter.Writer<>() {
          @Override
          public void write(List<TestWork> group) {
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("boom");
            }
            group.forEach(w -> w.future.complete("ok"));
          }

          @Override
          public void idle() {}
        };
    try (GroupCommitter<TestWork> committer =
        new GroupCommitter<>("test-writer", 1 << 20, 10_000, Duration.ofSeconds(10), broken)) {
      TestWork first = new TestWork(1, 1);
      committer.offer(first);
      assertEquals("failed: boom", first.future.get(5, TimeUnit.SECONDS));
      TestWork second = new TestWork(1, 1);
      committer.offer(second);
      assertEquals("ok", second.future.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void idleTicksRunHousekeepingOnTheWriterThread() throws Exception {
    FakeDisk disk = new FakeDisk(0);
    try (GroupCommitter<TestWork> committer =
        new GroupCommitter<>("test-writer", 1 << 20, 10_000, Duration.ofMillis(10), disk)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (disk.idles.get() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(disk.idles.get() >= 3);
      assertFalse(committer.heldBytes() > 0);
    }
  }
}
