package org.citygate.profiles.codec.binary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.Rejection;
import org.citygate.profiles.codec.DecodeContext;
import org.citygate.profiles.codec.DecodeResult;
import org.citygate.profiles.codec.FieldValues;
import org.citygate.profiles.codec.PayloadCodec;
import org.citygate.profiles.codec.RawReading;
import org.citygate.profiles.codec.Reject;
import org.citygate.profiles.codec.SignedReading;
import org.citygate.profiles.codec.WireValue;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.CodecSpec.IntType;
import org.citygate.profiles.model.CodecSpec.Segment;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * A profile's declared byte layout: fixed-size integer segments in order, then, for signed
 * profiles, the signature in the trailing bytes. The payload must be exactly that long.
 *
 * <p>A short {@code $seq} segment (e.g. a LoRaWAN-style 16-bit counter) wraps; the validator
 * unwraps it against the device's last sequence number.
 */
public final class BinaryLayoutCodec implements PayloadCodec {
  private final DeviceProfile profile;
  private final CodecSpec.Binary spec;
  private final int length;
  private final int seqBits;

  /** The codec for {@code profile}, whose codec must be binary. */
  public BinaryLayoutCodec(DeviceProfile profile) {
    this.profile = profile;
    this.spec = (CodecSpec.Binary) profile.codec();
    this.length = spec.length() + profile.signature().signatureLength();
    this.seqBits =
        spec.layout().stream()
            .filter(s -> s.name().equals(Segment.SEQ))
            .mapToInt(s -> s.type().bits())
            .findFirst()
            .orElse(64);
  }

  /** The payload length in bytes, signature included. */
  public int payloadLength() {
    return length;
  }

  @Override
  public DecodeResult decode(byte[] payload, DecodeContext context) {
    try {
      return new DecodeResult.Decoded(List.of(read(payload)));
    } catch (Reject r) {
      return new DecodeResult.Failed(r.rejection());
    } catch (RuntimeException e) {
      return new DecodeResult.Failed(
          new Rejection(RejectReason.MALFORMED, "undecodable binary payload: " + e, ""));
    }
  }

  private RawReading read(byte[] payload) {
    if (payload.length < length) {
      throw new Reject(
          RejectReason.MALFORMED, "", "truncated: " + payload.length + " bytes, want " + length);
    }
    if (payload.length > length) {
      throw new Reject(
          RejectReason.MALFORMED,
          "",
          (payload.length - length)
              + " trailing bytes: "
              + payload.length
              + " bytes, want "
              + length);
    }
    ByteBuffer in = ByteBuffer.wrap(payload).order(spec.byteOrder());
    OptionalLong seq = OptionalLong.empty();
    OptionalLong time = OptionalLong.empty();
    Map<String, WireValue> values = new HashMap<>();
    for (Segment segment : spec.layout()) {
      int offset = in.position();
      BigInteger raw = readInt(in, segment.type());
      switch (segment.name()) {
        case Segment.SEQ:
          seq = OptionalLong.of(fitLong(raw, "seq"));
          break;
        case Segment.TIME:
          long t = fitLong(raw, "time");
          time = OptionalLong.of(segment.timeMillis() ? t : Math.multiplyExact(t, 1000L));
          break;
        case Segment.CONST:
          long want = segment.constant().orElseThrow();
          if (raw.longValue() != want || raw.bitLength() > 63) {
            throw new Reject(
                RejectReason.MALFORMED,
                "",
                "byte "
                    + offset
                    + ": "
                    + raw
                    + ", want the constant "
                    + want
                    + " (format version?)");
          }
          break;
        case Segment.SKIP:
          break;
        default:
          values.put(segment.name(), wire(segment, raw));
      }
    }
    Optional<byte[]> signature = Optional.empty();
    if (profile.isSigned()) {
      byte[] sig = new byte[profile.signature().signatureLength()];
      in.get(sig);
      signature = Optional.of(sig);
    }
    return new RawReading(seq, seqBits, time, values, signature);
  }

  private static WireValue wire(Segment segment, BigInteger raw) {
    if (segment.type() == IntType.BOOL) {
      if (raw.signum() != 0 && !raw.equals(BigInteger.ONE)) {
        throw new Reject(
            RejectReason.WRONG_TYPE, segment.name(), "boolean byte " + raw + ", want 0 or 1");
      }
      return new WireValue.Bool(raw.signum() != 0);
    }
    return new WireValue.Num(new BigDecimal(raw));
  }

  private static long fitLong(BigInteger value, String field) {
    if (value.bitLength() > 63) {
      throw new Reject(RejectReason.OUT_OF_RANGE, field, value + " is above " + Long.MAX_VALUE);
    }
    return value.longValue();
  }

  private static BigInteger readInt(ByteBuffer in, IntType type) {
    switch (type) {
      case U8:
      case BOOL:
        return BigInteger.valueOf(Byte.toUnsignedInt(in.get()));
      case I8:
        return BigInteger.valueOf(in.get());
      case U16:
        return BigInteger.valueOf(Short.toUnsignedInt(in.getShort()));
      case I16:
        return BigInteger.valueOf(in.getShort());
      case U24:
        int b0 = Byte.toUnsignedInt(in.get());
        int b1 = Byte.toUnsignedInt(in.get());
        int b2 = Byte.toUnsignedInt(in.get());
        return BigInteger.valueOf(
            in.order() == java.nio.ByteOrder.BIG_ENDIAN
                ? (b0 << 16) | (b1 << 8) | b2
                : (b2 << 16) | (b1 << 8) | b0);
      case U32:
        return BigInteger.valueOf(Integer.toUnsignedLong(in.getInt()));
      case I32:
        return BigInteger.valueOf(in.getInt());
      case U64:
        return new BigInteger(Long.toUnsignedString(in.getLong()));
      default:
        return BigInteger.valueOf(in.getLong());
    }
  }

  @Override
  public byte[] encode(List<SignedReading> readings) {
    if (readings.size() != 1) {
      throw new IllegalArgumentException(
          "a binary payload carries one reading, got " + readings.size());
    }
    SignedReading signed = readings.get(0);
    CanonicalReading reading = signed.reading();
    ByteBuffer out = ByteBuffer.allocate(length).order(spec.byteOrder());
    for (Segment segment : spec.layout()) {
      switch (segment.name()) {
        case Segment.SEQ:
          writeInt(
              out, segment.type(), wrap(BigInteger.valueOf(reading.deviceSeq()), segment.type()));
          break;
        case Segment.TIME:
          long t = reading.timestampMillis();
          if (!segment.timeMillis() && t % 1000 != 0) {
            throw new IllegalArgumentException(
                "the layout sends whole seconds, but the reading's time has milliseconds: " + t);
          }
          writeInt(out, segment.type(), BigInteger.valueOf(segment.timeMillis() ? t : t / 1000));
          break;
        case Segment.CONST:
          writeInt(out, segment.type(), BigInteger.valueOf(segment.constant().orElseThrow()));
          break;
        case Segment.SKIP:
          writeInt(out, segment.type(), BigInteger.ZERO);
          break;
        default:
          writeInt(out, segment.type(), raw(segment, reading));
      }
    }
    if (profile.isSigned()) {
      byte[] sig =
          signed
              .signature()
              .orElseThrow(
                  () -> new IllegalArgumentException(profile.id() + " readings must be signed"));
      if (sig.length != profile.signature().signatureLength()) {
        throw new IllegalArgumentException(
            "signature is " + sig.length + " bytes, want " + profile.signature().signatureLength());
      }
      out.put(sig);
    }
    return out.array();
  }

  private BigInteger raw(Segment segment, CanonicalReading reading) {
    FieldSpec field = profile.field(segment.name()).orElseThrow();
    MeasurementValue value =
        reading
            .measurement(segment.name())
            .map(Measurement::value)
            .orElseThrow(
                () -> new IllegalArgumentException("the layout needs '" + segment.name() + "'"));
    WireValue wire = FieldValues.toWire(field, value);
    if (wire instanceof WireValue.Bool b) {
      return b.value() ? BigInteger.ONE : BigInteger.ZERO;
    }
    BigDecimal number = ((WireValue.Num) wire).value();
    try {
      return number.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + segment.name() + "' sends " + number.toPlainString() + ", not a whole number", e);
    }
  }

  private static BigInteger wrap(BigInteger value, IntType type) {
    return type.bits() >= 64 ? value : value.mod(BigInteger.ONE.shiftLeft(type.bits()));
  }

  private static void writeInt(ByteBuffer out, IntType type, BigInteger value) {
    BigInteger min =
        type.signed() ? BigInteger.ONE.shiftLeft(type.bits() - 1).negate() : BigInteger.ZERO;
    BigInteger max =
        type.signed()
            ? BigInteger.ONE.shiftLeft(type.bits() - 1).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(type.bits()).subtract(BigInteger.ONE);
    if (type == IntType.BOOL) {
      max = BigInteger.ONE;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          value + " does not fit " + type.name().toLowerCase(java.util.Locale.ROOT));
    }
    long v = value.longValue();
    switch (type.size()) {
      case 1:
        out.put((byte) v);
        break;
      case 2:
        out.putShort((short) v);
        break;
      case 3:
        if (out.order() == java.nio.ByteOrder.BIG_ENDIAN) {
          out.put((byte) (v >> 16)).put((byte) (v >> 8)).put((byte) v);
        } else {
          out.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
        }
        break;
      case 4:
        out.putInt((int) v);
        break;
      default:
        out.putLong(v);
    }
  }
}
