package org.citygate.profiles.codec.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.codec.JacksonSupport;
import org.citygate.profiles.codec.Numbers;
import org.citygate.profiles.codec.Reject;
import org.citygate.profiles.codec.Texts;
import org.citygate.profiles.model.Limits;

/**
 * Reads a SenML pack (RFC 8428) in its JSON or CBOR representation with Jackson's streaming parser,
 * and resolves it (§4.6) into self-contained records.
 *
 * <p>The same code reads both representations: Jackson's CBOR parser reports the integer labels of
 * §6 as their decimal text ({@code -2} for {@code bn}), which {@link Label} maps. Limits from the
 * profile (payload size, nesting depth, record count, number length) are enforced by the parser and
 * here. Unknown labels are ignored as §4.4 says, unless they end in {@code _} (must-understand),
 * which rejects the pack.
 */
public final class SenmlReader {
  /** The highest SenML version understood (RFC 8428 is version 10). */
  public static final int VERSION = 10;

  private final JsonFactory factory;
  private final boolean cbor;
  private final int maxRecords;

  private SenmlReader(JsonFactory factory, boolean cbor, int maxRecords) {
    this.factory = factory;
    this.cbor = cbor;
    this.maxRecords = maxRecords;
  }

  /** A reader for SenML JSON ({@code application/senml+json}). */
  public static SenmlReader json(Limits limits) {
    return new SenmlReader(JacksonSupport.json(limits), false, limits.maxRecords());
  }

  /** A reader for SenML CBOR ({@code application/senml+cbor}). */
  public static SenmlReader cbor(Limits limits) {
    return new SenmlReader(JacksonSupport.cbor(limits), true, limits.maxRecords());
  }

  /**
   * Parses and resolves one pack.
   *
   * @throws IOException if Jackson cannot parse the bytes (see {@link
   *     JacksonSupport#rejection(IOException)})
   * @throws Reject if the pack is well-formed JSON/CBOR but not valid SenML
   */
  public List<SenmlRecord> read(byte[] payload) throws IOException {
    try (JsonParser parser = factory.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new Reject(RejectReason.MALFORMED, "", "a SenML pack is an array of records");
      }
      Base base = new Base();
      List<SenmlRecord> records = new ArrayList<>();
      int index = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          throw new Reject(
              RejectReason.MALFORMED, "", "record " + index + " is not a map, got " + token);
        }
        if (index >= maxRecords) {
          throw new Reject(
              RejectReason.TOO_LARGE, "", "more than " + maxRecords + " records in the pack");
        }
        Map<Label, Object> fields = readRecord(parser, index);
        resolve(fields, base, index).ifPresent(records::add);
        index++;
      }
      if (parser.nextToken() != null) {
        throw new Reject(RejectReason.MALFORMED, "", "data after the end of the pack");
      }
      if (records.isEmpty()) {
        throw new Reject(RejectReason.MALFORMED, "", "the pack has no records with a value");
      }
      return records;
    }
  }

  private Map<Label, Object> readRecord(JsonParser parser, int index) throws IOException {
    Map<Label, Object> fields = new EnumMap<>(Label.class);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Label label = Label.lookup(key, cbor);
      JsonToken value = parser.nextToken();
      if (label == null) {
        if (key.endsWith("_")) {
          throw new Reject(
              RejectReason.MALFORMED,
              key,
              "record " + index + " has must-understand label '" + key + "' (RFC 8428 §4.4)");
        }
        parser.skipChildren();
        continue;
      }
      if (fields.containsKey(label)) {
        throw new Reject(RejectReason.MALFORMED, label.json, "label '" + label.json + "' twice");
      }
      fields.put(label, readValue(parser, label, value));
    }
    return fields;
  }

  private Object readValue(JsonParser parser, Label label, JsonToken token) throws IOException {
    if (cbor && ((CBORParser) parser).getCurrentTag() != -1) {
      // SenML values are plain CBOR items; tagged items are outside RFC 8428's data model.
      throw new Reject(
          RejectReason.WRONG_TYPE,
          label.json,
          "'"
              + label.json
              + "' is a CBOR tag "
              + ((CBORParser) parser).getCurrentTag()
              + " item; SenML values are untagged");
    }
    switch (label) {
      case BN:
      case BU:
      case N:
      case U:
      case VS:
        expect(token == JsonToken.VALUE_STRING, label, "a text", token);
        return Texts.wellFormed(parser.getText(), label.json);
      case VB:
        expect(
            token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE,
            label,
            "a boolean",
            token);
        return token == JsonToken.VALUE_TRUE;
      case VD:
        return data(parser, token);
      case BVER:
        expect(token == JsonToken.VALUE_NUMBER_INT, label, "an integer", token);
        return Numbers.bounded(parser.getDecimalValue(), label.json);
      default:
        return number(parser, label, token);
    }
  }

  private BigDecimal number(JsonParser parser, Label label, JsonToken token) throws IOException {
    if (cbor
        && (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
        && (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            || parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL)) {
      // Jackson decodes bignums (tags 2, 3) and decimal fractions (tag 4) itself, and reads a
      // positive bignum whose first byte has the high bit set as negative. SenML numbers are
      // plain CBOR integers (at most 64 bits) and floats, so these are refused.
      throw new Reject(
          RejectReason.WRONG_TYPE,
          label.json,
          "'"
              + label.json
              + "' is a CBOR bignum or decimal fraction; SenML numbers are integers"
              + " of at most 64 bits or floats");
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return Numbers.bounded(parser.getDecimalValue(), label.json);
    }
    expect(token == JsonToken.VALUE_NUMBER_FLOAT, label, "a number", token);
    if (parser.isNaN()) {
      throw new Reject(
          RejectReason.NOT_FINITE,
          label.json,
          "'" + label.json + "' is " + parser.getText() + ", want a finite number");
    }
    switch (parser.getNumberType()) {
      case FLOAT:
        return Numbers.ofFloat(parser.getFloatValue(), label.json);
      case DOUBLE:
        return cbor
            ? Numbers.ofDouble(parser.getDoubleValue(), label.json)
            : Numbers.bounded(parser.getDecimalValue(), label.json);
      default:
        return Numbers.bounded(parser.getDecimalValue(), label.json);
    }
  }

  private byte[] data(JsonParser parser, JsonToken token) throws IOException {
    if (cbor) {
      expect(token == JsonToken.VALUE_EMBEDDED_OBJECT, Label.VD, "a byte string", token);
      return parser.getBinaryValue();
    }
    expect(token == JsonToken.VALUE_STRING, Label.VD, "a base64url text", token);
    String text = parser.getText();
    if (text.indexOf('=') >= 0 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
      throw new Reject(
          RejectReason.MALFORMED, "vd", "vd must be base64url without padding (RFC 8428 §5)");
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new Reject(RejectReason.MALFORMED, "vd", "vd is not base64url: " + e.getMessage());
    }
  }

  private static void expect(boolean ok, Label label, String want, JsonToken got) {
    if (!ok) {
      throw new Reject(
          RejectReason.WRONG_TYPE,
          label.json,
          "'" + label.json + "' must be " + want + ", got " + describe(got));
    }
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case VALUE_STRING:
        return "a text";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case START_ARRAY:
        return "an array";
      case START_OBJECT:
        return "a map";
      case VALUE_NULL:
        return "null";
      case VALUE_EMBEDDED_OBJECT:
        return "a byte string";
      default:
        return token.toString();
    }
  }

  /** The base values in force while a pack is read (RFC 8428 §4.1). */
  private static final class Base {
    String name = "";
    BigDecimal time = BigDecimal.ZERO;
    String unit = "";
    BigDecimal value;
    BigDecimal sum;
  }

  private Optional<SenmlRecord> resolve(Map<Label, Object> fields, Base base, int index) {
    Object bver = fields.get(Label.BVER);
    if (bver != null && ((BigDecimal) bver).compareTo(BigDecimal.valueOf(VERSION)) > 0) {
      throw new Reject(
          RejectReason.MALFORMED,
          "bver",
          "SenML version " + bver + ", at most " + VERSION + " understood");
    }
    if (fields.containsKey(Label.BN)) {
      base.name = (String) fields.get(Label.BN);
    }
    if (fields.containsKey(Label.BT)) {
      base.time = (BigDecimal) fields.get(Label.BT);
    }
    if (fields.containsKey(Label.BU)) {
      base.unit = (String) fields.get(Label.BU);
    }
    if (fields.containsKey(Label.BV)) {
      base.value = (BigDecimal) fields.get(Label.BV);
    }
    if (fields.containsKey(Label.BS)) {
      base.sum = (BigDecimal) fields.get(Label.BS);
    }
    Optional<SenmlValue> value = value(fields, base, index);
    Optional<BigDecimal> sum =
        Optional.ofNullable((BigDecimal) fields.get(Label.S))
            .map(s -> base.sum == null ? s : base.sum.add(s));
    boolean onlyBase = fields.keySet().stream().allMatch(Label::isBase);
    if (value.isEmpty() && sum.isEmpty()) {
      if (onlyBase) {
        return Optional.empty();
      }
      throw new Reject(
          RejectReason.MALFORMED, "", "record " + index + " has neither a value nor a sum");
    }
    String name = base.name + (String) fields.getOrDefault(Label.N, "");
    checkName(name, index);
    String unit = (String) fields.getOrDefault(Label.U, base.unit);
    BigDecimal time = base.time.add((BigDecimal) fields.getOrDefault(Label.T, BigDecimal.ZERO));
    Optional<BigDecimal> updateTime = Optional.ofNullable((BigDecimal) fields.get(Label.UT));
    return Optional.of(new SenmlRecord(name, unit, value, sum, time, updateTime));
  }

  private static Optional<SenmlValue> value(Map<Label, Object> fields, Base base, int index) {
    int count = 0;
    SenmlValue value = null;
    if (fields.containsKey(Label.V)) {
      BigDecimal v = (BigDecimal) fields.get(Label.V);
      value = new SenmlValue.Num(base.value == null ? v : base.value.add(v));
      count++;
    }
    if (fields.containsKey(Label.VB)) {
      value = new SenmlValue.Bool((Boolean) fields.get(Label.VB));
      count++;
    }
    if (fields.containsKey(Label.VS)) {
      value = new SenmlValue.Str((String) fields.get(Label.VS));
      count++;
    }
    if (fields.containsKey(Label.VD)) {
      value = new SenmlValue.Data((byte[]) fields.get(Label.VD));
      count++;
    }
    if (count > 1) {
      throw new Reject(
          RejectReason.MALFORMED, "", "record " + index + " has " + count + " values, at most 1");
    }
    return Optional.ofNullable(value);
  }

  /** RFC 8428 §4.5.1: {@code [A-Za-z0-9][-:./_A-Za-z0-9]*}. */
  private static void checkName(String name, int index) {
    if (name.isEmpty()) {
      throw new Reject(RejectReason.MALFORMED, "n", "record " + index + " has an empty name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      boolean ok = alnum || (i > 0 && (c == '-' || c == ':' || c == '.' || c == '/' || c == '_'));
      if (!ok) {
        throw new Reject(
            RejectReason.MALFORMED,
            "n",
            "record "
                + index
                + " name has character '"
                + c
                + "' at "
                + i
                + "; want [A-Za-z0-9][-:./_A-Za-z0-9]* (RFC 8428 §4.5.1)");
      }
    }
  }
}
