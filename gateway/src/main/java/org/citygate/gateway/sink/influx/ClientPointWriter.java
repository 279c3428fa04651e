package org.citygate.gateway.sink.influx;

import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.InfluxException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * {@link PointWriter} over influxdb-client-java's {@link WriteApiBlocking}: one blocking HTTP
 * request to the v2 write endpoint ({@code /api/v2/write}) per call, its failures turned into
 * {@link WriteFailure}s by status code.
 */
public final class ClientPointWriter implements PointWriter {
  private final WriteApiBlocking api;
  private final String bucket;
  private final String org;

  /** Writes to {@code bucket} of {@code org} (QuestDB ignores both). */
  public ClientPointWriter(WriteApiBlocking api, String bucket, String org) {
    this.api = Objects.requireNonNull(api, "api");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.org = Objects.requireNonNull(org, "org");
  }

  @Override
  public void write(List<Point> points) throws WriteFailure {
    try {
      api.writePoints(bucket, org, points);
    } catch (InfluxException e) {
      throw new WriteFailure(e.status(), e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new WriteFailure(0, e.getMessage(), e);
    }
  }
}
