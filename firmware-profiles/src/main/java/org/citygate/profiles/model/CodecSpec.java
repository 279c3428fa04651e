package org.citygate.profiles.model;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a profile's payloads are encoded on the wire. */
public sealed interface CodecSpec {

  /** The codec's name in profile files. */
  String yamlName();

  /** The profile fields this codec names, for the loader's "binding names a missing field". */
  List<String> namedFields();

  /**
   * SenML (RFC 8428) in its JSON or CBOR representation.
   *
   * @param cbor true for SenML CBOR (content format 112), false for SenML JSON (110)
   * @param baseName the base name a device uses, with {@code {deviceId}} in it, e.g. {@code
   *     "urn:dev:mac:{deviceId}:"}; every resolved record name must start with it
   * @param seqName the record name that carries the device's sequence number
   * @param signatureName the record name whose data value ({@code vd}) carries the signature
   */
  record Senml(boolean cbor, Optional<String> baseName, String seqName, String signatureName)
      implements CodecSpec {
    @Override
    public String yamlName() {
      return cbor ? "senml-cbor" : "senml-json";
    }

    @Override
    public List<String> namedFields() {
      return List.of();
    }
  }

  /**
   * A JSON object whose members are found by JSON Pointer (RFC 6901).
   *
   * @param seq pointer to the sequence number
   * @param time pointer to the device's timestamp; absent: the gateway's receive time is used
   * @param timeFormat how the timestamp is written
   * @param signature pointer to the base64url signature, for signed profiles
   * @param fields pointer per profile field; a field not listed is at {@code /NAME}
   */
  record Json(
      String seq,
      Optional<String> time,
      TimeFormat timeFormat,
      Optional<String> signature,
      Map<String, String> fields)
      implements CodecSpec {
    /** Copies the mapping. */
    public Json {
      fields = Map.copyOf(fields);
    }

    @Override
    public String yamlName() {
      return "json";
    }

    @Override
    public List<String> namedFields() {
      return List.copyOf(fields.keySet());
    }
  }

  /**
   * A fixed byte layout, e.g. a LoRaWAN uplink forwarded by the network server. Signed profiles
   * carry the signature in the trailing bytes.
   *
   * @param byteOrder the order of multi-byte integers
   * @param layout the segments, in order
   */
  record Binary(ByteOrder byteOrder, List<Segment> layout) implements CodecSpec {
    /** Copies the layout. */
    public Binary {
      layout = List.copyOf(layout);
    }

    @Override
    public String yamlName() {
      return "binary";
    }

    @Override
    public List<String> namedFields() {
      return layout.stream().map(Segment::name).filter(n -> !n.startsWith("$")).toList();
    }

    /** Length in bytes of the layout, without a signature. */
    public int length() {
      return layout.stream().mapToInt(s -> s.type().size()).sum();
    }
  }

  /** How a timestamp is written in a JSON payload. */
  enum TimeFormat {
    /** Seconds since the Unix epoch, a number (fractions allowed). */
    EPOCH_SECONDS,
    /** Milliseconds since the Unix epoch, a whole number. */
    EPOCH_MILLIS,
    /** An RFC 3339 / ISO 8601 date-time text with offset, e.g. {@code 2026-05-01T12:00:00Z}. */
    ISO8601
  }

  /**
   * One segment of a binary layout.
   *
   * @param name a profile field, or {@code $seq} (the sequence number), {@code $time} (the
   *     timestamp), {@code $const} (a fixed value such as a format version), {@code $skip} (ignored
   *     bytes)
   * @param type the segment's integer type
   * @param constant for {@code $const}: the value the segment must hold
   * @param timeMillis for {@code $time}: true when the value is in milliseconds, false for seconds
   */
  record Segment(String name, IntType type, Optional<Long> constant, boolean timeMillis) {
    /** Special segment: the device's sequence number. */
    public static final String SEQ = "$seq";

    /** Special segment: the device's timestamp. */
    public static final String TIME = "$time";

    /** Special segment: a fixed value. */
    public static final String CONST = "$const";

    /** Special segment: bytes to ignore. */
    public static final String SKIP = "$skip";
  }

  /** Integer types of binary segments; {@code bool} is one byte, 0 or 1. */
  enum IntType {
    U8(1, false),
    I8(1, true),
    U16(2, false),
    I16(2, true),
    U24(3, false),
    U32(4, false),
    I32(4, true),
    U64(8, false),
    I64(8, true),
    BOOL(1, false);

    private final int size;
    private final boolean signed;

    IntType(int size, boolean signed) {
      this.size = size;
      this.signed = signed;
    }

    /** Size in bytes. */
    public int size() {
      return size;
    }

    /** Whether the type is two's complement signed. */
    public boolean signed() {
      return signed;
    }

    /** Bits of information, e.g. 16 for u16 (used to unwrap short sequence numbers). */
    public int bits() {
      return size * 8;
    }
  }
}
