package org.citygate.profiles.codec.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    return new SenmlReader(
        JacksonSupport.json(limits)
            .rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build(),
        false,
        limits.maxRecords());
  }

  /** A reader for SenML CBOR ({@code application/senml+cbor}). */
  public static SenmlReader cbor(Limits limits) {
    return new SenmlReader(
        JacksonSupport.cbor(limits)
            .rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build(),
        true,
        limits.maxRecords());
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
      // one map for every record: resolve() copies what it keeps out of it
      Map<Label, Object> fields = new EnumMap<>(Label.class);
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
        fields.clear();
        readRecord(parser, index, fields);
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

  /**
   * Reads one record's labels into {@code fields}. Duplicate keys are rejected here, at the second
   * key (as Jackson's {@code STRICT_DUPLICATE_DETECTION} would, which costs a hash set per record):
   * known labels by {@code fields}, unknown ones in a list, and keys inside an ignored value by
   * {@link #skipValue}.
   */
  private void readRecord(JsonParser parser, int index, Map<Label, Object> fields)
      throws IOException {
    List<String> unknown = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Label label = Label.lookup(key, cbor);
      if (label != null ? fields.containsKey(label) : unknown != null && unknown.contains(key)) {
        throw duplicate(key);
      }
      JsonToken value = parser.nextToken();
      if (label == null) {
        if (key.endsWith("_")) {
          throw new Reject(
              RejectReason.MALFORMED,
              key,
              "record " + index + " has must-understand label '" + key + "' (RFC 8428 §4.4)");
        }
        if (unknown == null) {
          unknown = new ArrayList<>(4);
        }
        unknown.add(key);
        skipValue(parser, value);
        continue;
      }
      fields.put(label, readValue(parser, label, value));
    }
  }

  /** Skips a value whose token is {@code token}, rejecting duplicate keys in its maps. */
  private static void skipValue(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.START_OBJECT) {
      Set<String> keys = new HashSet<>();
      JsonToken next;
      while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        if (!keys.add(key)) {
          throw duplicate(key);
        }
        skipValue(parser, parser.nextToken());
      }
      expectEnd(next, JsonToken.END_OBJECT);
    } else if (token == JsonToken.START_ARRAY) {
      JsonToken next;
      while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
        expectEnd(next, null);
        skipValue(parser, next);
      }
    } else {
      expectEnd(token, null);
    }
  }

  /** Jackson reports truncation itself; this is a guard should a parser ever return null. */
  private static void expectEnd(JsonToken token, JsonToken want) {
    if (token == null || (want != null && token != want)) {
      throw new Reject(RejectReason.MALFORMED, "", "truncated: unexpected end of the pack");
    }
  }

  private static Reject duplicate(String key) {
    return new Reject(RejectReason.MALFORMED, key, "key '" + key + "' twice in one map");
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
      JsonParser.NumberType type = parser.getNumberType();
      if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
        // the same value and scale (0) as getDecimalValue(), without parsing the text again
        return BigDecimal.valueOf(parser.getLongValue());
      }
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

    /** The base name whose characters {@link #checkName} has found valid, if any. */
    String checkedName;

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
    if (value.isEmpty() && sum.isEmpty()) {
      if (onlyBase(fields)) {
        return Optional.empty();
      }
      throw new Reject(
          RejectReason.MALFORMED, "", "record " + index + " has neither a value nor a sum");
    }
    String suffix = (String) fields.getOrDefault(Label.N, "");
    checkName(base, suffix, index);
    String name = base.name + suffix;
    String unit = (String) fields.getOrDefault(Label.U, base.unit);
    BigDecimal t = (BigDecimal) fields.get(Label.T);
    // without a time of its own, a record shares the base time (one object: SenmlCodec groups by
    // it without converting it again)
    BigDecimal time = t == null ? base.time : base.time.add(t);
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

  private static boolean onlyBase(Map<Label, Object> fields) {
    for (Label label : fields.keySet()) {
      if (!label.isBase()) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 8428 §4.5.1: the resolved name, base name + {@code suffix}, must match {@code
   * [A-Za-z0-9][-:./_A-Za-z0-9]*}. The base name's characters are checked once per base name (it is
   * the same for every record of a pack), the suffix's for each record; the first bad character is
   * reported at its index in the resolved name, as if the two were checked together.
   */
  private static void checkName(Base base, String suffix, int index) {
    String prefix = base.name;
    if (prefix.isEmpty() && suffix.isEmpty()) {
      throw new Reject(RejectReason.MALFORMED, "n", "record " + index + " has an empty name");
    }
    if (prefix != base.checkedName) {
      checkNameChars(prefix, 0, index);
      base.checkedName = prefix;
    }
    checkNameChars(suffix, prefix.length(), index);
  }

  /** Name characters: 1 for {@code [A-Za-z0-9]} (allowed first), 2 for {@code [-:./_]}. */
  private static final byte[] NAME_CHARS = new byte[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      NAME_CHARS[c] = 1;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      NAME_CHARS[c] = 1;
      NAME_CHARS[c + ('a' - 'A')] = 1;
    }
    for (char c : "-:./_".toCharArray()) {
      NAME_CHARS[c] = 2;
    }
  }

  /** Checks {@code part}, which starts at {@code start} in the resolved name. */
  private static void checkNameChars(String part, int start, int index) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      int kind = c < 128 ? NAME_CHARS[c] : 0;
      boolean ok = kind == 1 || (kind == 2 && start + i > 0);
      if (!ok) {
        throw new Reject(
            RejectReason.MALFORMED,
            "n",
            "record "
                + index
                + " name has character '"
                + c
                + "' at "
                + (start + i)
                + "; want [A-Za-z0-9][-:./_A-Za-z0-9]* (RFC 8428 §4.5.1)");
      }
    }
  }
}
