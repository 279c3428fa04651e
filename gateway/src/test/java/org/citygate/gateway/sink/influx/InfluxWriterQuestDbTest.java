package org.citygate.gateway.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citygate.profiles.model.DeviceKind;
import org.citygate.proofs.reading.MeasurementValue;
import org.citygate.testkit.QuestDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The InfluxDB path against a real database that speaks the InfluxDB v2 write protocol: QuestDB,
 * one per class. Each test writes as its own gateway, so rows stay apart.
 *
 * <p>QuestDB appends a replayed point as a second row unless the table deduplicates on the point's
 * identity: the tables are created as a QuestDB deployment must create them, with {@code DEDUP
 * UPSERT KEYS(timestamp, gateway, device, zone)}. (InfluxDB needs nothing: a point with the same
 * measurement, tag set and timestamp overwrites.)
 */
@Timeout(180)
class InfluxWriterQuestDbTest {
  private static final Duration APPLY = Duration.ofSeconds(30);
  private static QuestDbServer questdb;
  private static InfluxDBClient client;
  private static InfluxWriter writer;

  @BeforeAll
  static void launch() {
    questdb = QuestDbServer.launch();
    for (DeviceKind kind : List.of(DeviceKind.METER, DeviceKind.PARKING)) {
      questdb.createTable(
          kind.yamlName(), List.of(PointMapper.GATEWAY, PointMapper.DEVICE, PointMapper.ZONE));
    }
    // QuestDB ignores token, org and bucket
    client = InfluxDBClientFactory.create(questdb.influxUrl(), "t".toCharArray(), "o", "b");
    writer = InfluxWriter.over(client.getWriteApiBlocking(), "b", "o", 100);
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
    if (questdb != null) {
      questdb.close();
    }
  }

  @Test
  void writesAndReadsBackEveryField() {
    List<StoredReading> readings = Readings.fromGateway("gw-read", Readings.meters(250));
    assertEquals(new WriteResult.Complete(250, List.of()), writer.write(readings));
    questdb.awaitApplied(APPLY);
    assertEquals(250L, count("meter", "gw-read"));
    List<Map<String, Object>> rows =
        questdb.sql(
            "SELECT gateway, device, zone, energy_import, power, batch_seq, leaf_index,"
                + " device_seq, timestamp FROM meter WHERE gateway = 'gw-read' AND device = 'm42'");
    assertEquals(
        List.of(
            Map.of(
                "gateway",
                "gw-read",
                "device",
                "m42",
                "zone",
                "zone-a",
                "energy_import",
                1042.25,
                "power",
                1.5,
                "batch_seq",
                7,
                "leaf_index",
                42,
                "device_seq",
                142,
                "timestamp",
                "2023-11-14T22:13:20.042000Z")),
        rows);
  }

  @Test
  void aReplayOverwritesAndNeverDuplicates() {
    List<StoredReading> readings = Readings.fromGateway("gw-replay", Readings.meters(120));
    assertEquals(120, writer.write(readings).written());
    assertEquals(120, writer.write(readings).written());
    assertEquals(50, writer.write(readings.subList(10, 60)).written());
    questdb.awaitApplied(APPLY);
    assertEquals(120L, count("meter", "gw-replay"));
  }

  @Test
  void anOutageIsRetryableAndTheBacklogGoesInAfterwards() {
    List<StoredReading> readings = Readings.fromGateway("gw-outage", Readings.meters(30));
    questdb.stop();
    try {
      WriteResult.RetryLater retry =
          assertInstanceOf(WriteResult.RetryLater.class, writer.write(readings));
      assertEquals(0, retry.settled());
      assertTrue(retry.reason().startsWith("no response"), retry.reason());
    } finally {
      questdb.start();
    }
    assertEquals(new WriteResult.Complete(30, List.of()), writer.write(readings));
    questdb.awaitApplied(APPLY);
    assertEquals(30L, count("meter", "gw-outage"));
  }

  @Test
  void aFieldTypeConflictIsRefusedForGoodAndTheRestWritten() {
    MeasurementValue flag = new MeasurementValue.Flag(true);
    assertEquals(
        1,
        writer
            .write(
                Readings.fromGateway("gw-type", List.of(Readings.parking("p0", 0, "level", flag))))
            .written());
    List<StoredReading> batch = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      MeasurementValue value = i == 5 ? new MeasurementValue.Text("high") : flag;
      batch.add(Readings.parking("p" + i, i, "level", value));
    }
    WriteResult.Complete result =
        assertInstanceOf(
            WriteResult.Complete.class, writer.write(Readings.fromGateway("gw-type", batch)));
    assertEquals(8, result.written());
    assertEquals(1, result.refused().size());
    assertEquals("p5", result.refused().get(0).reading().reading().deviceId());
    assertTrue(
        result.refused().get(0).reason().startsWith("HTTP 400"), result.refused().toString());
    questdb.awaitApplied(APPLY);
    assertEquals(9L, count("parking", "gw-type"));
  }

  @Test
  void withoutDedupKeysQuestDbWouldDuplicate() {
    // why the tables above need DEDUP UPSERT KEYS: a plain table appends the replay
    questdb.sql(
        "CREATE TABLE mobility (gateway SYMBOL, device SYMBOL, zone SYMBOL, timestamp TIMESTAMP)"
            + " TIMESTAMP(timestamp) PARTITION BY DAY WAL");
    StoredReading trip =
        new StoredReading(
            Readings.parking("bike-1", 0, "taken", new MeasurementValue.Flag(true)).reading(),
            DeviceKind.MOBILITY,
            "gw-nodedup",
            "zone-c",
            1,
            0);
    writer.write(List.of(trip));
    writer.write(List.of(trip));
    questdb.awaitApplied(APPLY);
    assertEquals(2L, count("mobility", "gw-nodedup"));
  }

  private static long count(String table, String gateway) {
    return ((Number)
            questdb
                .sql("SELECT count() c FROM " + table + " WHERE gateway = '" + gateway + "'")
                .get(0)
                .get("c"))
        .longValue();
  }
}
