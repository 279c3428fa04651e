package org.citygate.gateway.sink.influx;

import com.influxdb.client.write.Point;
import java.util.List;

/** Sends points to the database in one request; {@link ClientPointWriter} is the real one. */
@FunctionalInterface
public interface PointWriter {
  /**
   * Writes {@code points} in one request.
   *
   * @throws WriteFailure when the database does not acknowledge them
   */
  void write(List<Point> points) throws WriteFailure;
}
