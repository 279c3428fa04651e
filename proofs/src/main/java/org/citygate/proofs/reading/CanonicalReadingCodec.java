package org.citygate.proofs.reading;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes and strictly parses the canonical reading bytes (format version 1).
 *
 * <pre>
 * u8   version = 0x01
 * str  profileId
 * str  deviceId
 * u64  deviceSeq            big-endian
 * u64  timestampMillis      big-endian
 * u16  count                big-endian, 1..256
 * count × measurement, sorted by name (unsigned bytes), names unique:
 *   str name
 *   str unit
 *   u8  type              0x01 decimal, 0x02 flag, 0x03 text
 *   decimal: i64 mantissa (big-endian two's complement), i8 exponent
 *   flag:    u8 0x00 or 0x01
 *   text:    str
 * str = u16 big-endian byte length, then that many bytes of UTF-8
 * </pre>
 *
 * <p>A length-prefixed binary form was chosen over canonical JSON or CBOR because it has exactly
 * one encoding per reading without a canonicalisation algorithm, and an outsider can write its
 * encoder in a few lines of any language.
 */
final class CanonicalReadingCodec {
  private CanonicalReadingCodec() {}

  static byte[] encode(CanonicalReading reading) {
    ByteBuffer out = ByteBuffer.allocate(estimate(reading));
    out.put((byte) CanonicalReading.FORMAT_VERSION);
    putString(out, reading.profileId());
    putString(out, reading.deviceId());
    out.putLong(reading.deviceSeq());
    out.putLong(reading.timestampMillis());
    out.putShort((short) reading.measurements().size());
    for (Measurement m : reading.measurements()) {
      putString(out, m.name());
      putString(out, m.unit());
      MeasurementValue value = m.value();
      out.put((byte) value.typeTag());
      if (value instanceof MeasurementValue.Decimal d) {
        out.putLong(d.mantissa());
        out.put((byte) d.exponent());
      } else if (value instanceof MeasurementValue.Flag f) {
        out.put((byte) (f.value() ? 1 : 0));
      } else if (value instanceof MeasurementValue.Text t) {
        putString(out, t.value());
      }
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  static CanonicalReading decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int version = Byte.toUnsignedInt(in.get());
      if (version != CanonicalReading.FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "canonical reading version " + version + ", want " + CanonicalReading.FORMAT_VERSION);
      }
      String profileId = getString(in, "profileId");
      String deviceId = getString(in, "deviceId");
      long deviceSeq = in.getLong();
      long timestamp = in.getLong();
      int count = Short.toUnsignedInt(in.getShort());
      List<Measurement> measurements = new ArrayList<>(Math.min(count, 256));
      byte[] previousName = null;
      for (int i = 0; i < count; i++) {
        String name = getString(in, "measurement " + i + " name");
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (previousName != null && Arrays.compareUnsigned(previousName, nameBytes) >= 0) {
          throw new IllegalArgumentException(
              "measurement " + i + " '" + name + "' is out of order or repeated");
        }
        previousName = nameBytes;
        String unit = getString(in, "measurement " + i + " unit");
        measurements.add(new Measurement(name, unit, getValue(in, i)));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(
            in.remaining() + " trailing bytes after the last measurement");
      }
      return new CanonicalReading(profileId, deviceId, deviceSeq, timestamp, measurements);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(
          "canonical reading truncated at byte " + in.position() + " of " + bytes.length, e);
    }
  }

  private static MeasurementValue getValue(ByteBuffer in, int index) {
    int type = Byte.toUnsignedInt(in.get());
    switch (type) {
      case 0x01:
        return new MeasurementValue.Decimal(in.getLong(), in.get());
      case 0x02:
        int flag = Byte.toUnsignedInt(in.get());
        if (flag > 1) {
          throw new IllegalArgumentException(
              "measurement " + index + ": flag byte " + flag + ", want 0 or 1");
        }
        return new MeasurementValue.Flag(flag == 1);
      case 0x03:
        return new MeasurementValue.Text(getString(in, "measurement " + index + " text"));
      default:
        throw new IllegalArgumentException(
            "measurement " + index + ": unknown value type 0x" + Integer.toHexString(type));
    }
  }

  private static void putString(ByteBuffer out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) utf8.length);
    out.put(utf8);
  }

  private static String getString(ByteBuffer in, String what) {
    int length = Short.toUnsignedInt(in.getShort());
    if (length > in.remaining()) {
      throw new IllegalArgumentException(
          what + ": length " + length + " runs past the end (" + in.remaining() + " bytes left)");
    }
    ByteBuffer slice = in.slice(in.position(), length);
    in.position(in.position() + length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + ": invalid UTF-8", e);
    }
  }

  private static int estimate(CanonicalReading reading) {
    int size = 1 + 2 + 2 + 8 + 8 + 2;
    size += utf8Length(reading.profileId()) + utf8Length(reading.deviceId());
    for (Measurement m : reading.measurements()) {
      size += 2 + utf8Length(m.name()) + 2 + utf8Length(m.unit()) + 1 + 9;
      if (m.value() instanceof MeasurementValue.Text t) {
        size += 2 + utf8Length(t.value());
      }
    }
    return size;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
