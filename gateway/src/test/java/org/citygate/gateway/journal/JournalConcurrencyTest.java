package org.citygate.gateway.journal;

import static org.citygate.gateway.journal.TestRecords.config;
import static org.citygate.gateway.journal.TestRecords.position;
import static org.citygate.gateway.journal.TestRecords.sized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class JournalConcurrencyTest {
  @TempDir Path dir;

  @Test
  void producersOnManyThreadsShareFsyncs() throws Exception {
    int producers = 8;
    int each = 100;
    Set<Long> positions = ConcurrentHashMap.newKeySet();
    try (Journal journal = Journal.open(config(dir, "influx"))) {
      ExecutorService pool = Executors.newFixedThreadPool(producers);
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    // each producer waits for its own acknowledgement, like a CoAP exchange
                    AppendOutcome outcome =
                        journal
                            .append(List.of(sized(Lane.TELEMETRY, producer + "/" + i, 200)))
                            .get(0);
                    assertTrue(positions.add(position(outcome)));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      JournalStats stats = journal.stats();
      assertEquals(producers * each, positions.size());
      assertEquals(producers * each, stats.appended());
      assertEquals(producers * each, stats.depth());
      assertTrue(
          stats.commits() < producers * each,
          "commits (fsyncs) " + stats.commits() + " for " + producers * each + " appends");
      // every record is there once, under the position it was acknowledged with
      Set<Long> read = new HashSet<>();
      for (JournalEntry e : journal.read("influx", 100_000).entries()) {
        assertTrue(read.add(e.position()));
      }
      assertEquals(positions, read);
    }
  }

  @Test
  void oneCallbackThreadThatDoesNotWaitGetsGroupCommitToo() {
    int messages = 2_000;
    try (Journal journal = Journal.open(config(dir, "influx"))) {
      List<CompletableFuture<List<AppendOutcome>>> acks = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        acks.add(journal.appendAsync(List.of(sized(Lane.TELEMETRY, "m" + i, 200))));
      }
      long last = 0;
      for (CompletableFuture<List<AppendOutcome>> ack : acks) {
        long position = position(ack.join().get(0));
        assertTrue(position > last, "one thread's appends keep their order");
        last = position;
      }
      JournalStats stats = journal.stats();
      assertEquals(messages, stats.appended());
      assertTrue(stats.commits() < messages / 10, "commits " + stats.commits());
    }
  }

  @Test
  void tooMuchWaitingIsRefusedAsOverloadedNotBlocked() {
    JournalConfig config = config(dir, "influx").withMaxQueuedBytes(2L << 20);
    try (Journal journal = Journal.open(config)) {
      // Two appends of 1.5 MiB each: the second cannot queue while the first is waiting.
      List<JournalRecord> big = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        big.add(sized(Lane.TELEMETRY, "b" + i, 500_000));
      }
      CompletableFuture<List<AppendOutcome>> first = journal.appendAsync(big);
      List<AppendOutcome> second = journal.appendAsync(big).join();
      boolean overloaded =
          second.get(0) instanceof AppendOutcome.Refused r
              && r.reason() == RefusalReason.OVERLOADED;
      assertTrue(first.join().get(0).isAppended());
      if (overloaded) {
        assertEquals(3, journal.stats().refused(Lane.TELEMETRY, RefusalReason.OVERLOADED));
        assertTrue(
            ((AppendOutcome.Refused) second.get(0))
                .message()
                .contains("exceed journal.maxQueuedBytes (2097152)"));
      } // else the first was committed before the second arrived: nothing to refuse
      List<JournalRecord> tooBig = new ArrayList<>(big);
      tooBig.addAll(big);
      AppendOutcome never = journal.appendAsync(tooBig).join().get(0);
      assertEquals(RefusalReason.OVERLOADED, ((AppendOutcome.Refused) never).reason());
    }
  }
}
