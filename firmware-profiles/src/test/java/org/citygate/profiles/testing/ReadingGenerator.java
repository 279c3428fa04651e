package org.citygate.profiles.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.model.ValueType;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * Seeded random readings that are valid for a profile: every value within its field's range and
 * representable by the profile's codec (whole wire values for binary layouts, whole seconds where a
 * layout sends seconds). The property tests' source of inputs.
 */
public final class ReadingGenerator {
  private static final BigDecimal DEFAULT_SPAN = BigDecimal.valueOf(1_000_000);

  private final DeviceProfile profile;
  private final Random random;

  public ReadingGenerator(DeviceProfile profile, long seed) {
    this.profile = profile;
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  /** A valid reading with sequence number {@code seq}, measured at {@code timeMillis}. */
  public CanonicalReading reading(String deviceId, long seq, long timeMillis) {
    List<Measurement> measurements = new ArrayList<>();
    for (FieldSpec field : profile.fields()) {
      boolean include = field.required() || inLayout(field) || random.nextInt(10) < 7;
      if (include) {
        measurements.add(new Measurement(field.name(), field.unit(), value(field)));
      }
    }
    if (measurements.isEmpty()) {
      FieldSpec first = profile.fields().get(0);
      measurements.add(new Measurement(first.name(), first.unit(), value(first)));
    }
    return new CanonicalReading(profile.id(), deviceId, seq, timeMillis, measurements);
  }

  /**
   * Valid consecutive readings: sequence numbers from {@code seq}, the given times, and counters
   * that never go down from one to the next.
   */
  public List<CanonicalReading> sequence(String deviceId, long seq, long[] times) {
    List<CanonicalReading> readings = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      readings.add(reading(deviceId, seq + i, times[i]));
    }
    for (FieldSpec field : profile.fields()) {
      if (!field.isCounter()) {
        continue;
      }
      List<MeasurementValue> values = new ArrayList<>();
      for (CanonicalReading r : readings) {
        r.measurement(field.name()).ifPresent(m -> values.add(m.value()));
      }
      values.sort(
          (a, b) ->
              ((MeasurementValue.Decimal) a)
                  .toBigDecimal()
                  .compareTo(((MeasurementValue.Decimal) b).toBigDecimal()));
      int next = 0;
      for (int i = 0; i < readings.size(); i++) {
        CanonicalReading r = readings.get(i);
        if (r.measurement(field.name()).isEmpty()) {
          continue;
        }
        List<Measurement> ms = new ArrayList<>(r.measurements());
        ms.replaceAll(
            m ->
                m.name().equals(field.name())
                    ? new Measurement(m.name(), m.unit(), values.get(0))
                    : m);
        MeasurementValue v = values.get(next++);
        ms.replaceAll(
            m -> m.name().equals(field.name()) ? new Measurement(m.name(), m.unit(), v) : m);
        readings.set(
            i,
            new CanonicalReading(
                r.profileId(), r.deviceId(), r.deviceSeq(), r.timestampMillis(), ms));
      }
    }
    return readings;
  }

  /** A time the codec can carry, at most {@code spreadMillis} before {@code now}. */
  public long time(long now, long spreadMillis) {
    if (!(profile.codec() instanceof CodecSpec.Binary binary)) {
      return now - (long) (random.nextDouble() * spreadMillis);
    }
    Optional<CodecSpec.Segment> time =
        binary.layout().stream().filter(s -> s.name().equals(CodecSpec.Segment.TIME)).findFirst();
    if (time.isEmpty()) {
      return now; // the gateway's receive time
    }
    long t = now - (long) (random.nextDouble() * spreadMillis);
    return time.get().timeMillis() ? t : t - Math.floorMod(t, 1000L);
  }

  /** A sequence number the codec can carry. */
  public long seq() {
    int bits = seqBits();
    return bits >= 63 ? random.nextLong() >>> 24 : random.nextInt(1 << Math.min(bits, 30));
  }

  /** Bits of the wire sequence number. */
  public int seqBits() {
    if (profile.codec() instanceof CodecSpec.Binary binary) {
      return binary.layout().stream()
          .filter(s -> s.name().equals(CodecSpec.Segment.SEQ))
          .mapToInt(s -> s.type().bits())
          .findFirst()
          .orElse(64);
    }
    return 64;
  }

  private boolean inLayout(FieldSpec field) {
    return profile.codec() instanceof CodecSpec.Binary binary
        && binary.layout().stream().anyMatch(s -> s.name().equals(field.name()));
  }

  private MeasurementValue value(FieldSpec field) {
    switch (field.type()) {
      case BOOLEAN:
        return new MeasurementValue.Flag(random.nextBoolean());
      case TEXT:
        if (!field.allowedValues().isEmpty()) {
          return new MeasurementValue.Text(
              field.allowedValues().get(random.nextInt(field.allowedValues().size())));
        }
        return new MeasurementValue.Text(text());
      default:
        return MeasurementValue.Decimal.of(number(field));
    }
  }

  private String text() {
    String alphabet = "0123456789abcdef";
    StringBuilder out = new StringBuilder("8a");
    for (int i = 0; i < 13; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** raw × scale + offset within the field's range, raw whole for integers and binary layouts. */
  private BigDecimal number(FieldSpec field) {
    BigDecimal lo = field.minimum().orElse(DEFAULT_SPAN.negate());
    BigDecimal hi = field.maximum().orElse(DEFAULT_SPAN);
    if (field.counter().isPresent() && field.counter().get().wrap().isPresent()) {
      hi = hi.min(field.counter().get().wrap().get().subtract(BigDecimal.ONE));
    }
    int decimals = field.type() == ValueType.INTEGER || inLayout(field) ? 0 : random.nextInt(4);
    BigDecimal step = BigDecimal.ONE.movePointLeft(decimals);
    BigDecimal rawLo = lo.subtract(field.offset()).divide(field.scale(), 12, RoundingMode.CEILING);
    BigDecimal rawHi = hi.subtract(field.offset()).divide(field.scale(), 12, RoundingMode.FLOOR);
    if (field.scale().signum() < 0) {
      BigDecimal t = rawLo;
      rawLo = rawHi;
      rawHi = t;
    }
    BigInteger kLo = rawLo.divide(step, 0, RoundingMode.CEILING).toBigIntegerExact();
    BigInteger kHi = rawHi.divide(step, 0, RoundingMode.FLOOR).toBigIntegerExact();
    if (inLayout(field)) {
      // keep to the smallest layout types used by the built-in profiles (i8 / u16)
      kLo = kLo.max(BigInteger.valueOf(-128));
      kHi = kHi.min(BigInteger.valueOf(65535));
    }
    BigInteger span = kHi.subtract(kLo);
    BigInteger k =
        kLo.add(new BigInteger(span.bitLength() + 8, random).mod(span.add(BigInteger.ONE)));
    if (random.nextInt(10) == 0) {
      k = random.nextBoolean() ? kLo : kHi; // edges
    }
    return new BigDecimal(k).multiply(step).multiply(field.scale()).add(field.offset());
  }
}
