package org.citygate.gateway.sink.influx;

import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.write.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes stored readings as InfluxDB points ({@link PointMapper}), {@code batchSize} points per
 * request, and says which were written, which are refused for good and where to resume after a
 * transient failure ({@link WriteResult}).
 *
 * <p>A request refused for its content (HTTP 400, e.g. a field type conflict, or 413) is split in
 * halves and each half written again, down to the single point at fault, so that one bad reading
 * does not hold back the good ones in its batch: it costs about 2·log2(batchSize) requests per bad
 * reading. InfluxDB 2 writes the good points of a refused request anyway and QuestDB rolls the
 * request back; either way the second write of a point is idempotent.
 *
 * <p>A transient failure (no response, 5xx, 429, 401/403/404) stops the call: the result says where
 * to resume. This class neither sleeps nor retries; the sink loop does, with {@link Backoff} and
 * {@link DrainPacer}.
 */
public final class InfluxWriter {
  private final PointWriter points;
  private final int batchSize;

  /** Writes through {@code points}, at most {@code batchSize} points per request. */
  public InfluxWriter(PointWriter points, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize " + batchSize + " must be at least 1");
    }
    this.points = Objects.requireNonNull(points, "points");
    this.batchSize = batchSize;
  }

  /** A writer over influxdb-client-java's blocking write API. */
  public static InfluxWriter over(WriteApiBlocking api, String bucket, String org, int batchSize) {
    return new InfluxWriter(new ClientPointWriter(api, bucket, org), batchSize);
  }

  /** Writes {@code readings} in order, batch by batch; see {@link WriteResult}. */
  public WriteResult write(List<StoredReading> readings) {
    int written = 0;
    List<WriteResult.Refusal> refused = new ArrayList<>();
    for (int start = 0; start < readings.size(); start += batchSize) {
      List<StoredReading> chunk =
          readings.subList(start, Math.min(readings.size(), start + batchSize));
      List<StoredReading> mappable = new ArrayList<>(chunk.size());
      List<Point> mapped = new ArrayList<>(chunk.size());
      List<WriteResult.Refusal> chunkRefused = new ArrayList<>();
      for (StoredReading reading : chunk) {
        try {
          mapped.add(PointMapper.toPoint(reading));
          mappable.add(reading);
        } catch (IllegalArgumentException e) {
          chunkRefused.add(new WriteResult.Refusal(reading, "not mappable: " + e.getMessage()));
        }
      }
      try {
        written += writeSplitting(mappable, mapped, chunkRefused);
      } catch (WriteFailure e) {
        // the chunk is retried whole: its refusals will be found again
        return new WriteResult.RetryLater(written, refused, e.getMessage());
      }
      refused.addAll(chunkRefused);
    }
    return new WriteResult.Complete(written, refused);
  }

  /**
   * Writes {@code batch}, halving it on content refusals; returns how many were written.
   *
   * @throws WriteFailure a retryable one
   */
  private int writeSplitting(
      List<StoredReading> readings, List<Point> batch, List<WriteResult.Refusal> refused)
      throws WriteFailure {
    if (batch.isEmpty()) {
      return 0;
    }
    try {
      points.write(batch);
      return batch.size();
    } catch (WriteFailure e) {
      if (e.kind() == WriteFailure.Kind.RETRYABLE) {
        throw e;
      }
      if (batch.size() == 1) {
        refused.add(new WriteResult.Refusal(readings.get(0), e.getMessage()));
        return 0;
      }
      int half = batch.size() / 2;
      return writeSplitting(readings.subList(0, half), batch.subList(0, half), refused)
          + writeSplitting(
              readings.subList(half, readings.size()), batch.subList(half, batch.size()), refused);
    }
  }
}
