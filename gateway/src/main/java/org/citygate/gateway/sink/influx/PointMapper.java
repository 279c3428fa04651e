package org.citygate.gateway.sink.influx;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * Maps a {@link StoredReading} to exactly one InfluxDB point, always the same point for the same
 * reading, so that a replay overwrites instead of duplicating.
 *
 * <ul>
 *   <li><b>Measurement:</b> the device kind ({@code parking}, {@code solar}, {@code meter}, {@code
 *       streetlight}, {@code mobility}).
 *   <li><b>Tags:</b> {@code gateway}, {@code device}, {@code zone}. Nothing unique per reading is a
 *       tag, so series cardinality stays at devices × zones.
 *   <li><b>Timestamp:</b> the reading's {@code timestampMillis} at millisecond precision. The
 *       point's identity (measurement, tag set, timestamp) is therefore fixed by the reading, and
 *       survives QuestDB storing microseconds. Two readings of one device with the same millisecond
 *       are one point (the later write wins); the proofs keep both.
 *   <li><b>Fields:</b> one per measurement, keyed by its name with {@code . : -} turned into {@code
 *       _} (QuestDB refuses them in column names): a decimal is a float field (InfluxDB fields are
 *       float, integer, string or boolean; float keeps one type per field whatever the scale of the
 *       value, so no field type conflict arises between readings), a flag a boolean, a text a
 *       string. When a decimal does not survive the trip to a double exactly (more than about 15
 *       significant digits), its exact text is kept too, in the string field {@code NAME_exact}.
 *       Plus {@code batch_seq}, {@code leaf_index} and {@code device_seq} as integers: the way from
 *       any point to its proof.
 * </ul>
 *
 * <p>A reading that cannot be mapped (two measurements that map to the same field key, or one named
 * like a reserved key) raises {@link IllegalArgumentException}: the writer refuses it for good.
 */
public final class PointMapper {
  /** Field with the batch's sequence number. */
  public static final String BATCH_SEQ = "batch_seq";

  /** Field with the reading's leaf index in its batch. */
  public static final String LEAF_INDEX = "leaf_index";

  /** Field with the device's own sequence number. */
  public static final String DEVICE_SEQ = "device_seq";

  /** Tag keys. */
  public static final String GATEWAY = "gateway";

  /** Tag with the device id. */
  public static final String DEVICE = "device";

  /** Tag with the zone. */
  public static final String ZONE = "zone";

  /** Suffix of the string field holding a decimal that a double cannot hold exactly. */
  public static final String EXACT_SUFFIX = "_exact";

  /** Keys no measurement may map to (tags, proof fields, and QuestDB's timestamp column). */
  private static final Set<String> RESERVED =
      Set.of(GATEWAY, DEVICE, ZONE, BATCH_SEQ, LEAF_INDEX, DEVICE_SEQ, "timestamp", "time");

  private PointMapper() {}

  /** The measurement a kind's readings go to. */
  public static String measurement(StoredReading stored) {
    return stored.kind().yamlName();
  }

  /**
   * The point for {@code stored}.
   *
   * @throws IllegalArgumentException when two values map to one field key or a value to a reserved
   *     key
   */
  public static Point toPoint(StoredReading stored) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Measurement m : stored.reading().measurements()) {
      String key = fieldKey(m.name());
      MeasurementValue value = m.value();
      if (value instanceof MeasurementValue.Decimal d) {
        BigDecimal exact = d.toBigDecimal();
        double approx = exact.doubleValue();
        put(fields, key, approx, m.name());
        if (new BigDecimal(Double.toString(approx)).compareTo(exact) != 0) {
          put(fields, key + EXACT_SUFFIX, exact.toPlainString(), m.name());
        }
      } else if (value instanceof MeasurementValue.Flag f) {
        put(fields, key, f.value(), m.name());
      } else if (value instanceof MeasurementValue.Text t) {
        put(fields, key, t.value(), m.name());
      }
    }
    Point point =
        Point.measurement(measurement(stored))
            .addTag(GATEWAY, stored.gatewayId())
            .addTag(DEVICE, stored.reading().deviceId())
            .addTag(ZONE, stored.zone());
    fields.forEach(
        (key, value) -> {
          if (value instanceof Double d) {
            point.addField(key, d.doubleValue());
          } else if (value instanceof Boolean b) {
            point.addField(key, b.booleanValue());
          } else {
            point.addField(key, (String) value);
          }
        });
    return point
        .addField(BATCH_SEQ, stored.batchSeq())
        .addField(LEAF_INDEX, (long) stored.leafIndex())
        .addField(DEVICE_SEQ, stored.reading().deviceSeq())
        .time(stored.reading().timestampMillis(), WritePrecision.MS);
  }

  /**
   * {@code name} with the characters QuestDB refuses in column names ({@code . : -}) as {@code _}.
   */
  static String fieldKey(String name) {
    return name.replace('.', '_').replace(':', '_').replace('-', '_');
  }

  private static void put(Map<String, Object> fields, String key, Object value, String name) {
    if (RESERVED.contains(key)) {
      throw new IllegalArgumentException(
          "measurement '" + name + "' maps to the reserved field key '" + key + "'");
    }
    if (fields.putIfAbsent(key, value) != null) {
      throw new IllegalArgumentException(
          "measurement '" + name + "' maps to field key '" + key + "', already used");
    }
  }
}
