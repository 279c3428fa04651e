package org.citygate.profiles.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/** Small accessors over a schema-checked tree: the schema already guarantees the types. */
final class Nodes {
  private Nodes() {}

  static String text(JsonNode node, String key, String fallback) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  static Optional<String> optionalText(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  static Optional<BigDecimal> decimal(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || !value.isNumber()
        ? Optional.empty()
        : Optional.of(value.decimalValue());
  }

  static boolean bool(JsonNode node, String key, boolean fallback) {
    JsonNode value = node.get(key);
    return value == null || !value.isBoolean() ? fallback : value.booleanValue();
  }

  static int integer(JsonNode node, String key, int fallback) {
    JsonNode value = node.get(key);
    return value == null || !value.canConvertToInt() ? fallback : value.intValue();
  }
}
