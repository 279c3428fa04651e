package org.citygate.gateway.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influxdb.client.write.Point;
import java.util.ArrayList;
import java.util.List;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.api.Test;

/** The writer's batching and splitting against a scripted database. */
class InfluxWriterTest {
  /** Records requests; refuses (400) any request holding a point of a device in {@code bad}. */
  private static final class FakeDatabase implements PointWriter {
    final List<Integer> requests = new ArrayList<>();
    final List<String> stored = new ArrayList<>();
    final List<String> bad = new ArrayList<>();
    int failRetryableAfter = Integer.MAX_VALUE;

    @Override
    public void write(List<Point> points) throws WriteFailure {
      requests.add(points.size());
      if (requests.size() > failRetryableAfter) {
        throw new WriteFailure(0, "connection refused", null);
      }
      for (Point point : points) {
        for (String device : bad) {
          if (point.toLineProtocol().contains("device=" + device + ",")) {
            throw new WriteFailure(400, "field type conflict", null);
          }
        }
      }
      points.forEach(p -> stored.add(p.toLineProtocol()));
    }
  }

  @Test
  void writesInBatchesOfTheGivenSize() {
    FakeDatabase db = new FakeDatabase();
    WriteResult result = new InfluxWriter(db, 4).write(Readings.meters(10));
    assertEquals(new WriteResult.Complete(10, List.of()), result);
    assertEquals(List.of(4, 4, 2), db.requests);
    assertEquals(10, db.stored.size());
  }

  @Test
  void aRefusedPointIsIsolatedAndTheRestWritten() {
    FakeDatabase db = new FakeDatabase();
    db.bad.add("m5");
    List<StoredReading> readings = Readings.meters(8);
    WriteResult result = new InfluxWriter(db, 8).write(readings);
    WriteResult.Complete complete = assertInstanceOf(WriteResult.Complete.class, result);
    assertEquals(7, complete.written());
    assertEquals(1, complete.refused().size());
    assertEquals(readings.get(5), complete.refused().get(0).reading());
    assertTrue(complete.refused().get(0).reason().contains("HTTP 400"));
    assertEquals(7, db.stored.size());
    // m0..m7 refused; m0..m3 written; m4..m7 refused; m4,m5 refused; m4 written; m5 refused;
    // m6,m7 written
    assertEquals(List.of(8, 4, 4, 2, 1, 1, 2), db.requests);
  }

  @Test
  void anUnmappableReadingIsRefusedWithoutARequest() {
    FakeDatabase db = new FakeDatabase();
    StoredReading reserved =
        Readings.parking("p1", 0, "leaf_index", MeasurementValue.Decimal.parse("1"));
    WriteResult result =
        new InfluxWriter(db, 10).write(List.of(reserved, Readings.meter("m", 1, "1")));
    assertEquals(1, result.written());
    assertTrue(result.refused().get(0).reason().startsWith("not mappable"));
    assertEquals(List.of(1), db.requests);
  }

  @Test
  void aTransientFailureSaysWhereToResume() {
    FakeDatabase db = new FakeDatabase();
    db.failRetryableAfter = 2;
    WriteResult result = new InfluxWriter(db, 3).write(Readings.meters(10));
    WriteResult.RetryLater retry = assertInstanceOf(WriteResult.RetryLater.class, result);
    assertEquals(6, retry.written());
    assertEquals(6, retry.settled());
    assertTrue(retry.reason().contains("no response"), retry.reason());
  }

  @Test
  void refusalsOfAnUnfinishedBatchAreNotReportedTwice() {
    FakeDatabase db = new FakeDatabase();
    db.bad.add("m0");
    db.failRetryableAfter = 2; // the split's second half fails transiently
    WriteResult result = new InfluxWriter(db, 4).write(Readings.meters(4));
    WriteResult.RetryLater retry = assertInstanceOf(WriteResult.RetryLater.class, result);
    assertEquals(0, retry.settled());
    assertEquals(List.of(), retry.refused());
  }

  @Test
  void batchSizeMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new InfluxWriter(points -> {}, 0));
  }
}
