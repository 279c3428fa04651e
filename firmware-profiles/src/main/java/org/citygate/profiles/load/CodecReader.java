package org.citygate.profiles.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.CodecSpec.IntType;
import org.citygate.profiles.model.CodecSpec.Segment;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.model.ValueType;

/** Reads the {@code codec} section and checks it against the profile's fields. */
final class CodecReader {
  private final Problems problems;
  private final Set<String> declared;

  /**
   * @param declared every field name the file declares, including fields that have errors of their
   *     own (so one mistake is not reported again as a missing field)
   */
  CodecReader(Problems problems, Set<String> declared) {
    this.problems = problems;
    this.declared = declared;
  }

  CodecSpec codec(JsonNode node, Map<String, FieldSpec> fields) {
    String type = node.get("type").asText();
    switch (type) {
      case "senml-json":
      case "senml-cbor":
        return senml(node, type.equals("senml-cbor"), fields);
      case "json":
        return json(node, fields);
      default:
        return binary(node, fields);
    }
  }

  private CodecSpec senml(JsonNode node, boolean cbor, Map<String, FieldSpec> fields) {
    String seq = Nodes.text(node, "seq", "seq");
    String sig = Nodes.text(node, "signature", "sig");
    for (FieldSpec field : fields.values()) {
      if (field.senmlName().equals(seq) || field.senmlName().equals(sig)) {
        problems.add(
            "/codec",
            "field '"
                + field.name()
                + "' has SenML name '"
                + field.senmlName()
                + "', which the codec uses for the sequence number or the signature");
      }
    }
    if (seq.equals(sig)) {
      problems.add(
          "/codec/signature", "the signature record needs another name than seq '" + seq + "'");
    }
    return new CodecSpec.Senml(cbor, Nodes.optionalText(node, "base-name"), seq, sig);
  }

  private CodecSpec json(JsonNode node, Map<String, FieldSpec> fields) {
    Map<String, String> mapping = new LinkedHashMap<>();
    JsonNode mapped = node.path("fields");
    mapped
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!declared.contains(name)) {
                problems.add(
                    "/codec/fields/" + YamlTree.escape(name),
                    "maps field '"
                        + name
                        + "', which the profile does not declare; declared: "
                        + String.join(", ", declared));
              }
              mapping.put(name, mapped.get(name).asText());
            });
    Set<String> pointers = new HashSet<>();
    String seq = node.get("seq").asText();
    pointers.add(seq);
    Optional<String> time = Nodes.optionalText(node, "time");
    Optional<String> signature = Nodes.optionalText(node, "signature");
    time.ifPresent(t -> checkUnique(pointers, t, "/codec/time"));
    signature.ifPresent(s -> checkUnique(pointers, s, "/codec/signature"));
    for (FieldSpec field : fields.values()) {
      String pointer = mapping.getOrDefault(field.name(), "/" + YamlTree.escape(field.name()));
      String at =
          mapping.containsKey(field.name())
              ? "/codec/fields/" + YamlTree.escape(field.name())
              : "/codec";
      checkUnique(pointers, pointer, at);
    }
    String format = Nodes.text(node, "time-format", "epoch-s");
    CodecSpec.TimeFormat timeFormat =
        format.equals("epoch-ms")
            ? CodecSpec.TimeFormat.EPOCH_MILLIS
            : format.equals("iso8601")
                ? CodecSpec.TimeFormat.ISO8601
                : CodecSpec.TimeFormat.EPOCH_SECONDS;
    return new CodecSpec.Json(seq, time, timeFormat, signature, mapping);
  }

  private void checkUnique(Set<String> pointers, String pointer, String at) {
    if (!pointers.add(pointer)) {
      problems.add(at, "JSON Pointer '" + pointer + "' is used twice in the mapping");
    }
  }

  private CodecSpec binary(JsonNode node, Map<String, FieldSpec> fields) {
    ByteOrder order =
        Nodes.text(node, "byte-order", "big").equals("little")
            ? ByteOrder.LITTLE_ENDIAN
            : ByteOrder.BIG_ENDIAN;
    List<Segment> layout = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonNode segments = node.get("layout");
    for (int i = 0; i < segments.size(); i++) {
      String at = "/codec/layout/" + i;
      JsonNode segment = segments.get(i);
      String name = segment.get("name").asText();
      IntType type = IntType.valueOf(segment.get("type").asText().toUpperCase(Locale.ROOT));
      Optional<Long> constant = Optional.empty();
      if (segment.has("value")) {
        if (!name.equals(Segment.CONST)) {
          problems.add(at + "/value", "'value' applies to $const segments only");
        } else {
          constant = constant(segment.get("value").bigIntegerValue(), type, at);
        }
      } else if (name.equals(Segment.CONST)) {
        problems.add(at, "a $const segment needs a 'value'");
      }
      if (segment.has("unit") && !name.equals(Segment.TIME)) {
        problems.add(at + "/unit", "'unit' applies to the $time segment only");
      }
      boolean millis = Nodes.text(segment, "unit", "s").equals("ms");
      checkSegment(at, name, type, fields, seen);
      layout.add(new Segment(name, type, constant, millis));
    }
    if (!seen.contains(Segment.SEQ)) {
      problems.add(
          "/codec/layout", "the layout has no $seq segment; every reading needs a sequence number");
    }
    for (FieldSpec field : fields.values()) {
      if (field.required() && !seen.contains(field.name())) {
        problems.add(
            "/codec/layout", "required field '" + field.name() + "' has no segment in the layout");
      }
    }
    return new CodecSpec.Binary(order, layout);
  }

  private void checkSegment(
      String at, String name, IntType type, Map<String, FieldSpec> fields, Set<String> seen) {
    boolean special = name.startsWith("$");
    if (!special && !declared.contains(name)) {
      problems.add(
          at + "/name",
          "segment names field '"
              + name
              + "', which the profile does not declare; declared: "
              + String.join(", ", declared));
      return;
    }
    if (!name.equals(Segment.CONST) && !name.equals(Segment.SKIP) && !seen.add(name)) {
      problems.add(at + "/name", "'" + name + "' appears twice in the layout");
    }
    if (name.equals(Segment.SEQ) && (type.signed() || type == IntType.BOOL)) {
      problems.add(at + "/type", "$seq must be an unsigned integer type, got " + lower(type));
    }
    if (name.equals(Segment.TIME) && (type.signed() || type == IntType.BOOL || type.size() < 4)) {
      problems.add(at + "/type", "$time must be u32 or u64, got " + lower(type));
    }
    FieldSpec field = fields.get(name);
    if (special || field == null) {
      return;
    }
    if (field.type() == ValueType.TEXT) {
      problems.add(at + "/name", "text field '" + name + "' cannot be in a binary layout");
    } else if ((field.type() == ValueType.BOOLEAN) != (type == IntType.BOOL)) {
      problems.add(
          at + "/type",
          "field '"
              + name
              + "' is "
              + field.type().yamlName()
              + " but the segment is "
              + lower(type)
              + "; boolean fields use bool and only they do");
    }
  }

  private Optional<Long> constant(BigInteger value, IntType type, String at) {
    BigInteger min =
        type.signed() ? BigInteger.ONE.shiftLeft(type.bits() - 1).negate() : BigInteger.ZERO;
    BigInteger max =
        type.signed()
            ? BigInteger.ONE.shiftLeft(type.bits() - 1).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(Math.min(type.bits(), 63)).subtract(BigInteger.ONE);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      problems.add(
          at + "/value",
          "value " + value + " does not fit " + lower(type) + " (" + min + ".." + max + ")");
      return Optional.empty();
    }
    return Optional.of(value.longValueExact());
  }

  private static String lower(IntType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
