package org.citygate.profiles.codec.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.Rejection;
import org.citygate.profiles.codec.DecodeContext;
import org.citygate.profiles.codec.DecodeResult;
import org.citygate.profiles.codec.FieldValues;
import org.citygate.profiles.codec.JacksonSupport;
import org.citygate.profiles.codec.Numbers;
import org.citygate.profiles.codec.PayloadCodec;
import org.citygate.profiles.codec.RawReading;
import org.citygate.profiles.codec.Reject;
import org.citygate.profiles.codec.SignedReading;
import org.citygate.profiles.codec.Texts;
import org.citygate.profiles.codec.WireValue;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;

/**
 * A profile's JSON codec: one JSON object per payload, one reading per object, each value found by
 * its JSON Pointer (RFC 6901). Numbers are read exactly (as decimals, never through a double).
 *
 * <p>When the profile rejects unknown fields, every leaf of the object must be reached by a mapped
 * pointer. Encoding writes each pointer's tokens as object members.
 */
public final class JsonMappingCodec implements PayloadCodec {
  private final DeviceProfile profile;
  private final CodecSpec.Json spec;
  private final ObjectMapper mapper;
  private final JsonPointer seq;
  private final Optional<JsonPointer> time;
  private final Optional<JsonPointer> signature;
  private final Map<String, JsonPointer> fieldPointers = new HashMap<>();
  private final Set<String> known = new HashSet<>();

  /** The codec for {@code profile}, whose codec must be JSON. */
  public JsonMappingCodec(DeviceProfile profile) {
    this.profile = profile;
    this.spec = (CodecSpec.Json) profile.codec();
    this.mapper =
        JsonMapper.builder(JacksonSupport.json(profile.limits()))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(JsonNodeFactory.instance)
            .build();
    this.seq = JsonPointer.compile(spec.seq());
    this.time = spec.time().map(JsonPointer::compile);
    this.signature = spec.signature().map(JsonPointer::compile);
    known.add(spec.seq());
    spec.time().ifPresent(known::add);
    spec.signature().ifPresent(known::add);
    for (FieldSpec field : profile.fields()) {
      String pointer =
          spec.fields()
              .getOrDefault(field.name(), "/" + field.name().replace("~", "~0").replace("/", "~1"));
      fieldPointers.put(field.name(), JsonPointer.compile(pointer));
      known.add(pointer);
    }
  }

  @Override
  public DecodeResult decode(byte[] payload, DecodeContext context) {
    try {
      return new DecodeResult.Decoded(List.of(read(mapper.readTree(payload))));
    } catch (Reject r) {
      return new DecodeResult.Failed(r.rejection());
    } catch (IOException e) {
      return new DecodeResult.Failed(JacksonSupport.rejection(e));
    } catch (RuntimeException e) {
      return new DecodeResult.Failed(
          new Rejection(RejectReason.MALFORMED, "undecodable JSON: " + e, ""));
    }
  }

  private RawReading read(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new Reject(RejectReason.MALFORMED, "", "the payload must be a JSON object");
    }
    if (profile.rejectUnknownFields()) {
      checkKnown(root, "");
    }
    OptionalLong seqValue = OptionalLong.empty();
    JsonNode seqNode = root.at(seq);
    if (present(seqNode)) {
      seqValue = OptionalLong.of(Numbers.nonNegativeLong(number(seqNode, "seq"), "seq"));
    }
    OptionalLong timeValue = OptionalLong.empty();
    if (time.isPresent()) {
      JsonNode timeNode = root.at(time.get());
      if (!present(timeNode)) {
        throw new Reject(
            RejectReason.MISSING_FIELD, "time", "no timestamp at " + spec.time().get());
      }
      timeValue = OptionalLong.of(time(timeNode));
    }
    Optional<byte[]> sig = Optional.empty();
    if (signature.isPresent()) {
      JsonNode sigNode = root.at(signature.get());
      if (present(sigNode)) {
        sig = Optional.of(signature(sigNode));
      }
    }
    Map<String, WireValue> values = new HashMap<>();
    for (Map.Entry<String, JsonPointer> entry : fieldPointers.entrySet()) {
      JsonNode node = root.at(entry.getValue());
      if (present(node)) {
        values.put(entry.getKey(), value(node, entry.getKey()));
      }
    }
    return new RawReading(seqValue, 64, timeValue, values, sig);
  }

  private void checkKnown(JsonNode node, String pointer) {
    if (known.contains(pointer)) {
      return;
    }
    if (node.isObject()) {
      var names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        checkKnown(node.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkKnown(node.get(i), pointer + "/" + i);
      }
    } else {
      throw new Reject(
          RejectReason.UNKNOWN_FIELD,
          pointer,
          "'" + pointer + "' is not mapped by " + profile.id());
    }
  }

  private static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  private static BigDecimal number(JsonNode node, String field) {
    if (!node.isNumber()) {
      throw new Reject(RejectReason.WRONG_TYPE, field, "want a number, got " + node.getNodeType());
    }
    if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      throw new Reject(
          RejectReason.NOT_FINITE, field, "number is " + node.asText() + ", want a finite number");
    }
    return Numbers.bounded(node.decimalValue(), field);
  }

  private WireValue value(JsonNode node, String field) {
    if (node.isNumber()) {
      return new WireValue.Num(number(node, field));
    }
    if (node.isBoolean()) {
      return new WireValue.Bool(node.booleanValue());
    }
    if (node.isTextual()) {
      return new WireValue.Str(Texts.wellFormed(node.textValue(), field));
    }
    throw new Reject(RejectReason.WRONG_TYPE, field, "want a value, got " + node.getNodeType());
  }

  private long time(JsonNode node) {
    switch (spec.timeFormat()) {
      case EPOCH_MILLIS:
        return Numbers.nonNegativeLong(number(node, "time"), "time");
      case ISO8601:
        if (!node.isTextual()) {
          throw new Reject(
              RejectReason.WRONG_TYPE,
              "time",
              "want an RFC 3339 date-time text, got " + node.getNodeType());
        }
        try {
          return OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant()
              .toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
          throw new Reject(
              RejectReason.WRONG_TYPE,
              "time",
              "not an RFC 3339 date-time with offset: " + e.getMessage());
        }
      default:
        return Numbers.secondsToMillis(number(node, "time"), "time");
    }
  }

  private static byte[] signature(JsonNode node) {
    if (!node.isTextual()) {
      throw new Reject(
          RejectReason.BAD_SIGNATURE,
          "signature",
          "want a base64url text, got " + node.getNodeType());
    }
    try {
      return Base64.getUrlDecoder().decode(node.textValue());
    } catch (IllegalArgumentException e) {
      throw new Reject(RejectReason.BAD_SIGNATURE, "signature", "not base64url: " + e.getMessage());
    }
  }

  @Override
  public byte[] encode(List<SignedReading> readings) {
    if (readings.size() != 1) {
      throw new IllegalArgumentException(
          "a JSON payload carries one reading, got " + readings.size());
    }
    SignedReading signed = readings.get(0);
    CanonicalReading reading = signed.reading();
    ObjectNode root = mapper.createObjectNode();
    put(root, seq, mapper.getNodeFactory().numberNode(reading.deviceSeq()));
    time.ifPresent(t -> put(root, t, timeNode(reading.timestampMillis())));
    for (Measurement m : reading.measurements()) {
      FieldSpec field =
          profile
              .field(m.name())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'" + m.name() + "' is not a field of " + profile.id()));
      put(root, fieldPointers.get(m.name()), node(FieldValues.toWire(field, m.value())));
    }
    if (profile.isSigned()) {
      byte[] sig =
          signed
              .signature()
              .orElseThrow(
                  () -> new IllegalArgumentException(profile.id() + " readings must be signed"));
      put(
          root,
          signature.orElseThrow(),
          mapper
              .getNodeFactory()
              .textNode(Base64.getUrlEncoder().withoutPadding().encodeToString(sig)));
    }
    try {
      return mapper.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private JsonNode timeNode(long millis) {
    switch (spec.timeFormat()) {
      case EPOCH_MILLIS:
        return mapper.getNodeFactory().numberNode(millis);
      case ISO8601:
        return mapper
            .getNodeFactory()
            .textNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis)));
      default:
        return mapper.getNodeFactory().numberNode(Numbers.millisToSeconds(millis));
    }
  }

  private JsonNode node(WireValue value) {
    if (value instanceof WireValue.Num n) {
      return mapper.getNodeFactory().numberNode(n.value());
    } else if (value instanceof WireValue.Bool b) {
      return mapper.getNodeFactory().booleanNode(b.value());
    }
    return mapper.getNodeFactory().textNode(((WireValue.Str) value).value());
  }

  private static void put(ObjectNode root, JsonPointer pointer, JsonNode value) {
    List<String> tokens = new ArrayList<>();
    for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
      tokens.add(p.getMatchingProperty());
    }
    ObjectNode parent = root;
    for (int i = 0; i < tokens.size() - 1; i++) {
      JsonNode child = parent.get(tokens.get(i));
      parent = child instanceof ObjectNode o ? o : parent.putObject(tokens.get(i));
    }
    parent.set(tokens.get(tokens.size() - 1), value);
  }
}
