package org.citygate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One QuestDB for the class: it takes seconds to start. */
@Timeout(120)
class QuestDbServerTest {
  private static final Duration APPLY = Duration.ofSeconds(20);
  private static QuestDbServer questdb;

  @BeforeAll
  static void launch() {
    questdb = QuestDbServer.launch();
  }

  @AfterAll
  static void close() {
    if (questdb != null) {
      questdb.close();
    }
  }

  @Test
  void influxClientWritesAndSqlReadsBack() {
    try (InfluxDBClient client = client()) {
      assertTrue(client.ping());
      WriteApiBlocking write = client.getWriteApiBlocking();
      write.writePoints(
          List.of(
              Point.measurement("roundtrip")
                  .addTag("device", "d1")
                  .addField("value", 21.5)
                  .addField("seq", 7L)
                  .time(1_700_000_000_123L, WritePrecision.MS),
              Point.measurement("roundtrip")
                  .addTag("device", "d2")
                  .addField("value", -3.25)
                  .addField("seq", 8L)
                  .time(1_700_000_000_456L, WritePrecision.MS)));
    }
    questdb.awaitApplied(APPLY);
    List<Map<String, Object>> rows =
        questdb.sql("SELECT device, value, seq, timestamp FROM roundtrip ORDER BY device");
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("d1", rows.get(0).get("device"));
    assertEquals(21.5, rows.get(0).get("value"));
    assertEquals(7, ((Number) rows.get(0).get("seq")).intValue());
    assertEquals("2023-11-14T22:13:20.123000Z", rows.get(0).get("timestamp"));
    assertEquals(-3.25, rows.get(1).get("value"));
  }

  @Test
  void dedupTableOverwritesAReplayedPoint() {
    questdb.createTable("dedup", List.of("device"));
    Point point =
        Point.measurement("dedup")
            .addTag("device", "d1")
            .addField("value", 1.0)
            .time(1_700_000_000_000L, WritePrecision.MS);
    try (InfluxDBClient client = client()) {
      client.getWriteApiBlocking().writePoint(point);
      client.getWriteApiBlocking().writePoint(point);
      client.getWriteApiBlocking().writePoint(point.addField("value", 2.0));
    }
    questdb.awaitApplied(APPLY);
    List<Map<String, Object>> rows = questdb.sql("SELECT value FROM dedup");
    assertEquals(List.of(Map.of("value", 2.0)), rows);
  }

  @Test
  void stopAndStartKeepTheData() {
    questdb.sql("CREATE TABLE IF NOT EXISTS kept (x LONG)");
    questdb.sql("INSERT INTO kept VALUES (42)");
    questdb.stop();
    assertFalse(questdb.isRunning());
    assertThrows(UncheckedIOException.class, () -> questdb.sql("SELECT 1"));
    questdb.start();
    assertEquals(List.of(Map.of("x", 42)), questdb.sql("SELECT x FROM kept"));
  }

  @Test
  void badSqlCarriesQuestDbsMessage() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> questdb.sql("SELECT nonsense FROM"));
    assertTrue(e.getMessage().contains("QuestDB refused"), e.getMessage());
  }

  private static InfluxDBClient client() {
    // QuestDB ignores token, org and bucket
    return InfluxDBClientFactory.create(
        questdb.influxUrl(), "unused".toCharArray(), "citygate", "citygate");
  }
}
