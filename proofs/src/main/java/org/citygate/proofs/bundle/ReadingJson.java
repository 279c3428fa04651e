package org.citygate.proofs.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * The readable JSON view of a {@link CanonicalReading}: {@code {"profile", "device", "deviceSeq",
 * "timestampMillis", "measurements": [{"name", "unit", "decimal"|"flag"|"text"}]}}. Decimals are
 * strings ({@code "23.5"}) so no JSON parser turns them into binary floating point.
 */
public final class ReadingJson {
  private static final Set<String> READING_FIELDS =
      Set.of("profile", "device", "deviceSeq", "timestampMillis", "measurements");
  private static final Set<String> MEASUREMENT_FIELDS =
      Set.of("name", "unit", "decimal", "flag", "text");

  private ReadingJson() {}

  /** The view of {@code reading}. */
  public static ObjectNode toJson(CanonicalReading reading) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("profile", reading.profileId());
    out.put("device", reading.deviceId());
    out.put("deviceSeq", reading.deviceSeq());
    out.put("timestampMillis", reading.timestampMillis());
    ArrayNode measurements = out.putArray("measurements");
    for (Measurement m : reading.measurements()) {
      ObjectNode item = measurements.addObject();
      item.put("name", m.name());
      item.put("unit", m.unit());
      MeasurementValue value = m.value();
      if (value instanceof MeasurementValue.Decimal d) {
        item.put("decimal", d.toString());
      } else if (value instanceof MeasurementValue.Flag f) {
        item.put("flag", f.value());
      } else if (value instanceof MeasurementValue.Text t) {
        item.put("text", t.value());
      }
    }
    return out;
  }

  /**
   * Parses the view at {@code path}.
   *
   * @throws BundleFormatException naming the field that is wrong
   */
  public static CanonicalReading fromJson(JsonNode node, String path) {
    JsonFields fields = JsonFields.of(node, path);
    fields.rejectUnknown(READING_FIELDS);
    JsonNode list = fields.required("measurements");
    if (!list.isArray()) {
      throw new BundleFormatException(fields.path("measurements"), "must be an array");
    }
    List<Measurement> measurements = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      measurements.add(measurement(list.get(i), fields.path("measurements") + "[" + i + "]"));
    }
    try {
      return new CanonicalReading(
          fields.text("profile"),
          fields.text("device"),
          fields.uint("deviceSeq"),
          fields.uint("timestampMillis"),
          measurements);
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException(path, e.getMessage(), e);
    }
  }

  private static Measurement measurement(JsonNode node, String path) {
    JsonFields fields = JsonFields.of(node, path);
    fields.rejectUnknown(MEASUREMENT_FIELDS);
    int kinds =
        (fields.has("decimal") ? 1 : 0)
            + (fields.has("flag") ? 1 : 0)
            + (fields.has("text") ? 1 : 0);
    if (kinds != 1) {
      throw new BundleFormatException(path, "needs exactly one of decimal, flag, text");
    }
    try {
      MeasurementValue value;
      if (fields.has("decimal")) {
        value = MeasurementValue.Decimal.parse(fields.text("decimal"));
      } else if (fields.has("flag")) {
        JsonNode flag = fields.required("flag");
        if (!flag.isBoolean()) {
          throw new BundleFormatException(fields.path("flag"), "must be true or false");
        }
        value = new MeasurementValue.Flag(flag.booleanValue());
      } else {
        value = new MeasurementValue.Text(fields.text("text"));
      }
      return new Measurement(fields.text("name"), fields.text("unit"), value);
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException(path, e.getMessage(), e);
    }
  }
}
