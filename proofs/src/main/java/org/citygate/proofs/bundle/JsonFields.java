package org.citygate.proofs.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;

/**
 * Strict, path-aware access to one JSON object: every getter names the field's full path in its
 * error, and {@link #rejectUnknown} refuses fields the format does not define, so a typo in a
 * hand-edited bundle is reported rather than ignored.
 */
final class JsonFields {
  /** Largest integer a JSON number may carry here: 2^53 − 1, exact in every JSON parser. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final JsonNode node;
  private final String path;

  private JsonFields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static JsonFields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new BundleFormatException(path, "must be a JSON object");
    }
    return new JsonFields(node, path);
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  void rejectUnknown(Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new BundleFormatException(path(name), "unknown field");
      }
    }
  }

  JsonFields object(String field) {
    return of(required(field), path(field));
  }

  JsonNode required(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new BundleFormatException(path(field), "is missing");
    }
    return value;
  }

  String text(String field) {
    JsonNode value = required(field);
    if (!value.isTextual()) {
      throw new BundleFormatException(path(field), "must be a string");
    }
    return value.textValue();
  }

  long uint(String field) {
    JsonNode value = required(field);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new BundleFormatException(path(field), "must be a whole number");
    }
    long number = value.longValue();
    if (number < 0 || number > MAX_SAFE_INTEGER) {
      throw new BundleFormatException(
          path(field), "must be between 0 and 2^53-1, got " + value.asText());
    }
    return number;
  }

  BigInteger decimalUint256(String field) {
    String text = text(field);
    if (!text.matches("0|[1-9][0-9]{0,77}")) {
      throw new BundleFormatException(path(field), "must be a decimal string, got '" + text + "'");
    }
    BigInteger value = new BigInteger(text);
    if (value.bitLength() > 256) {
      throw new BundleFormatException(path(field), "does not fit uint256");
    }
    return value;
  }

  Bytes32 bytes32(String field) {
    return parse(field, Bytes32::fromHex);
  }

  Address address(String field) {
    return parse(field, Address::fromHex);
  }

  byte[] hex(String field) {
    return parse(field, Hex::decode);
  }

  List<Bytes32> bytes32List(String field) {
    JsonNode value = required(field);
    if (!value.isArray()) {
      throw new BundleFormatException(path(field), "must be an array");
    }
    List<Bytes32> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      String elementPath = path(field) + "[" + i + "]";
      JsonNode element = value.get(i);
      if (!element.isTextual()) {
        throw new BundleFormatException(elementPath, "must be a string");
      }
      try {
        out.add(Bytes32.fromHex(element.textValue()));
      } catch (IllegalArgumentException e) {
        throw new BundleFormatException(elementPath, e.getMessage(), e);
      }
    }
    return out;
  }

  private <T> T parse(String field, Function<String, T> parser) {
    String text = text(field);
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException(path(field), e.getMessage(), e);
    }
  }
}
