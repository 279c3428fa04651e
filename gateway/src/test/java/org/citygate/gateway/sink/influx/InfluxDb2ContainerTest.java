package org.citygate.gateway.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.query.FluxTable;
import java.util.List;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same round trip against the official InfluxDB 2 image, where Docker exists; skipped where it
 * does not (as on the project's CI machines, which test against QuestDB instead). InfluxDB needs no
 * schema: a replayed point (same measurement, tags and timestamp) overwrites.
 */
@Testcontainers(disabledWithoutDocker = true)
class InfluxDb2ContainerTest {
  private static final String TOKEN = "citygate-test-token";
  private static final String ORG = "citygate";
  private static final String BUCKET = "readings";

  @Container
  private static final InfluxDBContainer<?> INFLUX =
      new InfluxDBContainer<>(DockerImageName.parse("influxdb:2.7"))
          .withUsername("citygate")
          .withPassword("citygate-password")
          .withOrganization(ORG)
          .withBucket(BUCKET)
          .withAdminToken(TOKEN);

  @Test
  void roundTripReplayAndTypeConflict() {
    try (InfluxDBClient client =
        InfluxDBClientFactory.create(INFLUX.getUrl(), TOKEN.toCharArray(), ORG, BUCKET)) {
      assertTrue(client.ping());
      InfluxWriter writer = InfluxWriter.over(client.getWriteApiBlocking(), BUCKET, ORG, 100);
      List<StoredReading> readings = Readings.meters(120);
      assertEquals(new WriteResult.Complete(120, List.of()), writer.write(readings));
      assertEquals(new WriteResult.Complete(120, List.of()), writer.write(readings)); // replay
      assertEquals(120L, count(client, "meter", "energy_import"));

      MeasurementValue flag = new MeasurementValue.Flag(true);
      writer.write(List.of(Readings.parking("p0", 0, "level", flag)));
      WriteResult.Complete conflict =
          assertInstanceOf(
              WriteResult.Complete.class,
              writer.write(
                  List.of(
                      Readings.parking("p1", 1, "level", flag),
                      Readings.parking("p2", 2, "level", new MeasurementValue.Text("high")))));
      assertEquals(1, conflict.written());
      assertEquals("p2", conflict.refused().get(0).reading().reading().deviceId());
    }
  }

  private static long count(InfluxDBClient client, String measurement, String field) {
    String flux =
        "from(bucket: \""
            + BUCKET
            + "\") |> range(start: 2023-01-01T00:00:00Z)"
            + " |> filter(fn: (r) => r._measurement == \""
            + measurement
            + "\" and r._field == \""
            + field
            + "\") |> group() |> count()";
    List<FluxTable> tables = client.getQueryApi().query(flux);
    return ((Number) tables.get(0).getRecords().get(0).getValue()).longValue();
  }
}
