package org.citygate.gateway.journal;

import static org.citygate.gateway.journal.TestRecords.config;
import static org.citygate.gateway.journal.TestRecords.position;
import static org.citygate.gateway.journal.TestRecords.record;
import static org.citygate.gateway.journal.TestRecords.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class JournalTest {
  @TempDir Path dir;

  @Test
  void appendsAreDurableAtIncreasingPositions() {
    try (Journal journal = Journal.open(config(dir, "influx"))) {
      List<AppendOutcome> outcomes =
          journal.append(
              List.of(
                  record(Lane.TELEMETRY, "t1"),
                  record(Lane.FAULT, "f1"),
                  record(Lane.TELEMETRY, "t2")));
      assertEquals(
          List.of(
              new AppendOutcome.Appended(1),
              new AppendOutcome.Appended(2),
              new AppendOutcome.Appended(3)),
          outcomes);
      assertEquals(List.of(), journal.append(List.of()));
    }
    assertTrue(Files.exists(dir.resolve("journal.db")));
  }

  @Test
  void consumersReadFaultsThenCommandsThenTelemetry() {
    try (Journal journal = Journal.open(config(dir, "influx"))) {
      journal.append(
          List.of(
              record(Lane.TELEMETRY, "t1"),
              record(Lane.COMMAND, "c1"),
              record(Lane.TELEMETRY, "t2"),
              record(Lane.FAULT, "f1"),
              record(Lane.COMMAND, "c2"),
              record(Lane.FAULT, "f2")));
      JournalBatch batch = journal.read("influx", 100);
      assertEquals(List.of("f1", "f2", "c1", "c2", "t1", "t2"), texts(batch));
      assertEquals(new Cursor(6, 5, 3), batch.upTo());
      assertEquals(3, batch.entries().get(5).position());
      assertEquals(List.of("f1", "f2", "c1"), texts(journal.read("influx", 3)));
    }
  }

  @Test
  void readingDoesNotMoveTheCursorAcknowledgingDoes() {
    try (Journal journal = Journal.open(config(dir, "influx"))) {
      journal.append(List.of(record(Lane.TELEMETRY, "t1"), record(Lane.TELEMETRY, "t2")));
      JournalBatch first = journal.read("influx", 1);
      assertEquals(List.of("t1"), texts(first));
      assertEquals(List.of("t1"), texts(journal.read("influx", 1)));
      journal.ack("influx", first.upTo());
      assertEquals(List.of("t2"), texts(journal.read("influx", 10)));
      // a fault that arrives meanwhile comes first
      journal.append(List.of(record(Lane.FAULT, "f1")));
      assertEquals(List.of("f1", "t2"), texts(journal.read("influx", 10)));
    }
  }

  @Test
  void aRecordIsDeletedWhenEveryConsumerHasAcknowledgedIt() {
    try (Journal journal = Journal.open(config(dir, "influx", "batcher"))) {
      journal.append(List.of(record(Lane.TELEMETRY, "t1"), record(Lane.TELEMETRY, "t2")));
      journal.ack("influx", journal.read("influx", 10).upTo());
      assertEquals(2, journal.stats().depth());
      assertTrue(journal.read("influx", 10).isEmpty());
      assertEquals(List.of("t1", "t2"), texts(journal.read("batcher", 10)));
      journal.ack("batcher", journal.read("batcher", 1).upTo());
      assertEquals(1, journal.stats().depth());
      journal.ack("batcher", journal.read("batcher", 1).upTo());
      assertEquals(0, journal.stats().depth());
      assertEquals(0, journal.stats().bytes());
    }
  }

  @Test
  void cursorsAndRecordsSurviveReopening() {
    JournalConfig config = config(dir, "influx", "batcher");
    try (Journal journal = Journal.open(config)) {
      journal.append(
          List.of(
              record(Lane.TELEMETRY, "t1"),
              record(Lane.COMMAND, "c1"),
              record(Lane.TELEMETRY, "t2")));
      JournalBatch batch = journal.read("influx", 2);
      journal.ack("influx", batch.upTo());
    }
    try (Journal journal = Journal.open(config)) {
      assertEquals(List.of("t2"), texts(journal.read("influx", 10)));
      assertEquals(List.of("c1", "t1", "t2"), texts(journal.read("batcher", 10)));
      assertEquals(new Cursor(0, 2, 1), journal.stats().consumers().get("influx").acked());
      assertEquals(3, journal.stats().depth());
    }
  }

  @Test
  void positionsAreNeverReusedEvenWhenEverythingWasDeleted() {
    JournalConfig config = config(dir, "influx");
    try (Journal journal = Journal.open(config)) {
      journal.append(List.of(record(Lane.TELEMETRY, "t1"), record(Lane.TELEMETRY, "t2")));
      journal.ack("influx", journal.read("influx", 10).upTo());
      assertEquals(0, journal.stats().depth());
    }
    try (Journal journal = Journal.open(config)) {
      assertEquals(3, position(journal.append(List.of(record(Lane.TELEMETRY, "t3"))).get(0)));
      assertEquals(List.of("t3"), texts(journal.read("influx", 10)));
    }
  }

  @Test
  void aNewConsumerStartsAtTheOldestRecordKeptAndAStaleOneIsKeptUntilRemoved() {
    try (Journal journal = Journal.open(config(dir, "influx"))) {
      journal.append(List.of(record(Lane.TELEMETRY, "t1")));
    }
    try (Journal journal = Journal.open(config(dir, "uplink"))) {
      assertEquals(List.of("t1"), texts(journal.read("uplink", 10)));
      JournalStats stats = journal.stats();
      assertFalse(stats.consumers().get("influx").configured());
      assertTrue(stats.consumers().get("uplink").configured());
      journal.ack("uplink", journal.read("uplink", 10).upTo());
      assertEquals(1, journal.stats().depth(), "the stale consumer still holds it");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> journal.removeConsumer("uplink"));
      assertEquals(
          "consumer 'uplink' is in journal.consumers; remove it there first", e.getMessage());
      journal.removeConsumer("influx");
      assertEquals(0, journal.stats().depth());
      assertEquals(List.of("uplink"), List.copyOf(journal.stats().consumers().keySet()));
    }
  }

  @Test
  void acknowledgementsAreChecked() {
    try (Journal journal = Journal.open(config(dir, "influx"))) {
      journal.append(List.of(record(Lane.TELEMETRY, "t1")));
      IllegalArgumentException unknown =
          assertThrows(IllegalArgumentException.class, () -> journal.ack("nobody", Cursor.START));
      assertEquals("unknown journal consumer 'nobody', known: [influx]", unknown.getMessage());
      IllegalArgumentException future =
          assertThrows(
              IllegalArgumentException.class, () -> journal.ack("influx", new Cursor(0, 0, 2)));
      assertEquals(
          "cannot acknowledge up to Cursor[fault=0, command=0, telemetry=2]:"
              + " the last appended position is 1",
          future.getMessage());
      journal.ack("influx", new Cursor(0, 0, 1));
      journal.ack("influx", Cursor.START); // never moves back
      assertEquals(new Cursor(0, 0, 1), journal.stats().consumers().get("influx").acked());
      assertThrows(IllegalArgumentException.class, () -> journal.read("influx", 0));
      assertThrows(IllegalArgumentException.class, () -> journal.read("nobody", 1));
    }
  }

  @Test
  void statsShowDepthBytesAndBacklogAge() {
    TestRecords.MutableClock clock = new TestRecords.MutableClock(1_000_000);
    SqliteJournal.Tuning tuning = new SqliteJournal.Tuning(clock, 0, Duration.ofSeconds(1));
    try (SqliteJournal journal = SqliteJournal.open(config(dir, "influx", "batcher"), tuning)) {
      JournalRecord t = record(Lane.TELEMETRY, "t1");
      JournalRecord f = record(Lane.FAULT, "f1");
      journal.append(List.of(t, f));
      clock.advance(Duration.ofSeconds(30));
      journal.ack("influx", journal.read("influx", 10).upTo());
      clock.advance(Duration.ofSeconds(12));
      JournalStats stats = journal.stats();
      assertEquals(1, stats.lanes().get(Lane.TELEMETRY).records());
      assertEquals(t.size(), stats.lanes().get(Lane.TELEMETRY).bytes());
      assertEquals(1, stats.lanes().get(Lane.FAULT).records());
      assertEquals(0, stats.lanes().get(Lane.COMMAND).records());
      assertEquals(t.size() + f.size(), stats.bytes());
      assertEquals(2L << 30, stats.maxBytes());
      assertEquals(Duration.ZERO, stats.consumers().get("influx").oldestUnackedAge());
      assertEquals(Duration.ofSeconds(42), stats.consumers().get("batcher").oldestUnackedAge());
      assertEquals(2, stats.appended());
      assertTrue(stats.commits() >= 2);
      assertEquals(0, stats.dropped(Lane.TELEMETRY, DropReason.OVERFLOW));
      assertEquals(0, stats.refused(Lane.TELEMETRY, RefusalReason.FULL));
    }
  }

  @Test
  void theStoreIsSetUpForPowerLossSafety() {
    try (SqliteJournal journal = SqliteJournal.open(config(dir, "influx"))) {
      assertEquals("wal", journal.pragma("journal_mode"));
      assertEquals("2", journal.pragma("synchronous"), "synchronous = FULL");
    }
  }

  @Test
  void oneProcessAtATime() {
    try (Journal journal = Journal.open(config(dir, "influx"))) {
      JournalException e =
          assertThrows(JournalException.class, () -> Journal.open(config(dir, "influx")));
      assertTrue(e.getMessage().contains("already open in this process"), e.getMessage());
      assertEquals(0, journal.stats().depth());
    }
    Journal.open(config(dir, "influx")).close();
  }

  @Test
  void afterCloseAppendsAreRefused() {
    Journal journal = Journal.open(config(dir, "influx"));
    journal.close();
    journal.close();
    AppendOutcome outcome = journal.append(List.of(record(Lane.FAULT, "f"))).get(0);
    assertEquals(new AppendOutcome.Refused(RefusalReason.CLOSED, "the journal is closed"), outcome);
    assertThrows(JournalException.class, () -> journal.read("influx", 1));
    assertThrows(JournalException.class, () -> journal.ack("influx", Cursor.START));
  }

  @Test
  void aNewerSchemaIsRefused() throws Exception {
    Journal.open(config(dir, "influx")).close();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
        var s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    JournalException e =
        assertThrows(JournalException.class, () -> Journal.open(config(dir, "influx")));
    assertTrue(e.getMessage().contains("newer Citygate (schema 99"), e.getMessage());
  }
}
