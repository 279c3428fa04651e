package org.citygate.gateway.journal;

import static org.citygate.gateway.journal.TestRecords.config;
import static org.citygate.gateway.journal.TestRecords.sized;
import static org.citygate.gateway.journal.TestRecords.text;
import static org.citygate.gateway.journal.TestRecords.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounds and overflow policies. Every record here counts exactly 1 KiB against maxBytes (967
 * payload bytes + "dev-1" + "test" + 48 overhead), so a 1 MiB journal holds exactly 1,024.
 */
@Timeout(60)
class JournalBoundsTest {
  private static final int PAYLOAD = 1024 - 5 - 4 - JournalRecord.OVERHEAD_BYTES;
  private static final long MIB = 1 << 20;

  @TempDir Path dir;

  private JournalConfig small() {
    return config(dir, "influx").withMaxBytes(MIB);
  }

  private static List<JournalRecord> records(Lane lane, String prefix, int from, int count) {
    List<JournalRecord> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(sized(lane, prefix + i, PAYLOAD));
    }
    return out;
  }

  private static long appended(List<AppendOutcome> outcomes) {
    return outcomes.stream().filter(AppendOutcome::isAppended).count();
  }

  private static List<String> all(Journal journal) {
    return journal.read("influx", 100_000).entries().stream()
        .map(TestRecords::text)
        .collect(Collectors.toList());
  }

  @Test
  void recordsCountExactlyOneKibibyte() {
    assertEquals(1024, sized(Lane.TELEMETRY, "x", PAYLOAD).size());
  }

  @Test
  void rejectNewRefusesTelemetryWhenFull() {
    try (Journal journal = Journal.open(small())) {
      assertEquals(1024, appended(journal.append(records(Lane.TELEMETRY, "t", 0, 1024))));
      AppendOutcome refused = journal.append(records(Lane.TELEMETRY, "t", 1024, 1)).get(0);
      assertEquals(
          new AppendOutcome.Refused(
              RefusalReason.FULL,
              "the journal is full (1048576 of journal.maxBytes 1048576) and"
                  + " journal.overflow.telemetry is REJECT_NEW"),
          refused);
      JournalStats stats = journal.stats();
      assertEquals(1, stats.refused(Lane.TELEMETRY, RefusalReason.FULL));
      assertEquals(1024, stats.depth());
      assertEquals(MIB, stats.bytes());
      assertEquals("t0", all(journal).get(0));
    }
  }

  @Test
  void dropOldestMakesRoomForNewTelemetry() {
    JournalConfig config = small().withOverflow(Lane.TELEMETRY, OverflowPolicy.DROP_OLDEST);
    try (Journal journal = Journal.open(config)) {
      journal.append(records(Lane.TELEMETRY, "t", 0, 1024));
      assertEquals(10, appended(journal.append(records(Lane.TELEMETRY, "t", 1024, 10))));
      List<String> kept = all(journal);
      assertEquals(1024, kept.size());
      assertEquals("t10", kept.get(0));
      assertEquals("t1033", kept.get(1023));
      assertEquals(10, journal.stats().dropped(Lane.TELEMETRY, DropReason.OVERFLOW));
      assertEquals(MIB, journal.stats().bytes());
    }
  }

  @Test
  void faultsAndCommandsPushOutTelemetryWhateverItsPolicy() {
    try (Journal journal = Journal.open(small())) {
      journal.append(records(Lane.TELEMETRY, "t", 0, 1024));
      List<JournalRecord> urgent = new ArrayList<>(records(Lane.FAULT, "f", 0, 2));
      urgent.addAll(records(Lane.COMMAND, "c", 0, 1));
      assertEquals(3, appended(journal.append(urgent)));
      List<String> kept = all(journal);
      assertEquals(List.of("f0", "f1", "c0", "t3"), kept.subList(0, 4));
      JournalStats stats = journal.stats();
      assertEquals(3, stats.dropped(Lane.TELEMETRY, DropReason.PRIORITY));
      assertEquals(0, stats.refused(Lane.FAULT, RefusalReason.FULL));
    }
  }

  @Test
  void telemetryNeverPushesOutFaultsOrCommands() {
    JournalConfig config = small().withOverflow(Lane.TELEMETRY, OverflowPolicy.DROP_OLDEST);
    try (Journal journal = Journal.open(config)) {
      journal.append(records(Lane.COMMAND, "c", 0, 300));
      journal.append(records(Lane.FAULT, "f", 0, 212));
      journal.append(records(Lane.TELEMETRY, "t", 0, 512));
      assertEquals(600, appended(journal.append(records(Lane.TELEMETRY, "t", 512, 600))));
      JournalStats stats = journal.stats();
      assertEquals(300, stats.lanes().get(Lane.COMMAND).records());
      assertEquals(212, stats.lanes().get(Lane.FAULT).records());
      assertEquals(512, stats.lanes().get(Lane.TELEMETRY).records());
      assertEquals(600, stats.dropped(Lane.TELEMETRY, DropReason.OVERFLOW));
      assertEquals("t600", all(journal).get(512));
      // Once only faults and commands are left, new telemetry has nothing of its own to drop.
      journal.append(records(Lane.COMMAND, "c", 300, 512)); // pushes out all telemetry
      assertEquals(0, journal.stats().lanes().get(Lane.TELEMETRY).records());
      AppendOutcome refused = journal.append(records(Lane.TELEMETRY, "t", 2000, 1)).get(0);
      assertEquals(RefusalReason.FULL, ((AppendOutcome.Refused) refused).reason());
    }
  }

  @Test
  void faultsAreRefusedOnlyWhenNothingCanGiveWay() {
    try (Journal journal = Journal.open(small())) {
      journal.append(records(Lane.FAULT, "f", 0, 1024));
      AppendOutcome refused = journal.append(records(Lane.FAULT, "f", 1024, 1)).get(0);
      assertEquals(
          new AppendOutcome.Refused(
              RefusalReason.FULL,
              "the journal is full (1048576 of journal.maxBytes 1048576) and"
                  + " journal.overflow.fault is REJECT_NEW with no telemetry left to give way"),
          refused);
      assertEquals(1, journal.stats().refused(Lane.FAULT, RefusalReason.FULL));
      assertEquals(1024, journal.stats().lanes().get(Lane.FAULT).records());
    }
  }

  @Test
  void dropOldestInTheFaultLaneDropsTelemetryFirstThenOldFaults() {
    JournalConfig config = small().withOverflow(Lane.FAULT, OverflowPolicy.DROP_OLDEST);
    try (Journal journal = Journal.open(config)) {
      journal.append(records(Lane.FAULT, "f", 0, 1023));
      journal.append(records(Lane.TELEMETRY, "t", 0, 1));
      assertEquals(2, appended(journal.append(records(Lane.FAULT, "f", 1023, 2))));
      JournalStats stats = journal.stats();
      assertEquals(1, stats.dropped(Lane.TELEMETRY, DropReason.PRIORITY));
      assertEquals(1, stats.dropped(Lane.FAULT, DropReason.OVERFLOW));
      assertEquals("f1", all(journal).get(0));
    }
  }

  @Test
  void recordsOlderThanMaxAgeAreDroppedAtTheNextCommit() {
    TestRecords.MutableClock clock = new TestRecords.MutableClock(10_000_000);
    SqliteJournal.Tuning tuning = new SqliteJournal.Tuning(clock, 0, Duration.ofHours(1));
    JournalConfig config = config(dir, "influx").withMaxAge(Duration.ofMinutes(1));
    try (Journal journal = SqliteJournal.open(config, tuning)) {
      journal.append(List.of(sized(Lane.FAULT, "f0", 10), sized(Lane.TELEMETRY, "t0", 10)));
      clock.advance(Duration.ofSeconds(30));
      journal.append(List.of(sized(Lane.TELEMETRY, "t1", 10)));
      clock.advance(Duration.ofSeconds(40));
      journal.append(List.of(sized(Lane.TELEMETRY, "t2", 10)));
      assertEquals(List.of("t1", "t2"), texts(journal.read("influx", 10)));
      JournalStats stats = journal.stats();
      assertEquals(1, stats.dropped(Lane.TELEMETRY, DropReason.EXPIRED));
      assertEquals(1, stats.dropped(Lane.FAULT, DropReason.EXPIRED));
      assertEquals(2, stats.depth());
    }
  }

  @Test
  void anIdleJournalExpiresRecordsToo() throws Exception {
    TestRecords.MutableClock clock = new TestRecords.MutableClock(10_000_000);
    SqliteJournal.Tuning tuning = new SqliteJournal.Tuning(clock, 0, Duration.ofMillis(10));
    JournalConfig config = config(dir, "influx").withMaxAge(Duration.ofMinutes(1));
    try (Journal journal = SqliteJournal.open(config, tuning)) {
      journal.append(List.of(sized(Lane.TELEMETRY, "t0", 10)));
      clock.advance(Duration.ofMinutes(2));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (journal.stats().depth() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, journal.stats().depth());
      assertEquals(1, journal.stats().dropped(Lane.TELEMETRY, DropReason.EXPIRED));
    }
  }

  @Test
  void reopeningWithSmallerBoundsKeepsEveryRecord() {
    try (Journal journal = Journal.open(small().withMaxBytes(2 * MIB))) {
      assertEquals(1536, appended(journal.append(records(Lane.TELEMETRY, "t", 0, 1536))));
    }
    try (Journal journal = Journal.open(small())) {
      assertEquals(1536, journal.stats().depth(), "reconfiguration never wipes data");
      assertEquals(1536 * 1024, journal.stats().bytes());
      AppendOutcome refused = journal.append(records(Lane.TELEMETRY, "t", 1536, 1)).get(0);
      assertEquals(RefusalReason.FULL, ((AppendOutcome.Refused) refused).reason());
      assertEquals(1536, journal.stats().depth());
    }
    JournalConfig dropping = small().withOverflow(Lane.TELEMETRY, OverflowPolicy.DROP_OLDEST);
    try (Journal journal = Journal.open(dropping)) {
      assertEquals(1536, journal.stats().depth());
      assertTrue(journal.append(records(Lane.TELEMETRY, "t", 1536, 1)).get(0).isAppended());
      assertEquals(1024, journal.stats().depth(), "the new policy applies going forward");
      assertEquals(513, journal.stats().dropped(Lane.TELEMETRY, DropReason.OVERFLOW));
      assertEquals("t513", text(journal.read("influx", 1).entries().get(0)));
    }
  }
}
