package org.citygate.profiles.validate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.Rejection;
import org.citygate.profiles.codec.Codecs;
import org.citygate.profiles.codec.DecodeContext;
import org.citygate.profiles.codec.DecodeResult;
import org.citygate.profiles.codec.FieldValues;
import org.citygate.profiles.codec.PayloadCodec;
import org.citygate.profiles.codec.RawReading;
import org.citygate.profiles.codec.Reject;
import org.citygate.profiles.codec.WireValue;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.sign.DeviceKey;
import org.citygate.profiles.sign.ReadingSignatures;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * Decodes and validates payloads of one profile: the gateway's single entry point, and the one a
 * benchmark calls.
 *
 * <p>Pure and thread-safe: the device's state goes in and the next state comes out in the {@link
 * ReadingOutcome}; nothing is stored here. For each reading in a payload, in order: decode, field
 * types and ranges, required fields, sequence-number unwrapping, the canonical reading, the
 * signature over its canonical bytes, the replay check, the clock-skew window, the counters. The
 * first failure rejects the whole payload. {@link #validate} never throws.
 */
public final class ReadingValidator {
  private final DeviceProfile profile;
  private final PayloadCodec codec;
  private final Map<String, FieldSpec> fieldsByName;

  /** A validator for {@code profile}. */
  public ReadingValidator(DeviceProfile profile) {
    this.profile = profile;
    this.codec = Codecs.forProfile(profile);
    this.fieldsByName = profile.fieldsByName();
  }

  /** The profile validated against. */
  public DeviceProfile profile() {
    return profile;
  }

  /** The profile's codec, e.g. for the simulator's encoding. */
  public PayloadCodec codec() {
    return codec;
  }

  /** Decodes and validates one payload. Never throws. */
  public ReadingOutcome validate(byte[] payload, ValidationContext context, DeviceState state) {
    if (payload.length > profile.limits().maxPayloadBytes()) {
      return rejected(
          RejectReason.TOO_LARGE,
          "",
          "payload is " + payload.length + " bytes, at most " + profile.limits().maxPayloadBytes());
    }
    try {
      DecodeResult decoded =
          codec.decode(payload, new DecodeContext(context.deviceId(), context.nowMillis()));
      if (decoded instanceof DecodeResult.Failed failed) {
        return new ReadingOutcome.Rejected(failed.rejection());
      }
      List<RawReading> raws = ((DecodeResult.Decoded) decoded).readings();
      if (raws.size() > profile.limits().maxRecords()) {
        return rejected(
            RejectReason.TOO_LARGE,
            "",
            raws.size() + " readings in one payload, at most " + profile.limits().maxRecords());
      }
      List<CanonicalReading> readings = new ArrayList<>(raws.size());
      DeviceState current = state;
      for (RawReading raw : raws) {
        Step step = validateOne(raw, context, current);
        readings.add(step.reading);
        current = step.state;
      }
      return new ReadingOutcome.Accepted(readings, current);
    } catch (Reject r) {
      return new ReadingOutcome.Rejected(r.rejection());
    } catch (RuntimeException e) {
      return rejected(RejectReason.MALFORMED, "", "invalid reading: " + e.getMessage());
    }
  }

  private record Step(CanonicalReading reading, DeviceState state) {}

  private Step validateOne(RawReading raw, ValidationContext context, DeviceState state) {
    if (raw.seq().isEmpty()) {
      throw new Reject(RejectReason.MISSING_FIELD, "seq", "the reading has no sequence number");
    }
    long time = raw.timeMillis().orElse(context.nowMillis());
    if (time < 0) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE, "time", "timestamp " + time + " ms is before 1970");
    }
    List<Measurement> measurements = new ArrayList<>(profile.fields().size());
    Map<String, BigDecimal> counters = Map.of(); // a HashMap once a counter field is present
    for (FieldSpec field : profile.fields()) {
      WireValue wire = raw.values().get(field.name());
      if (wire == null) {
        if (field.required()) {
          throw new Reject(
              RejectReason.MISSING_FIELD,
              field.name(),
              "required field '" + field.name() + "' is absent");
        }
        continue;
      }
      MeasurementValue value = FieldValues.toCanonical(field, wire);
      measurements.add(new Measurement(field.name(), field.unit(), value));
      if (field.isCounter()) {
        if (counters.isEmpty()) {
          counters = new HashMap<>();
        }
        counters.put(field.name(), ((MeasurementValue.Decimal) value).toBigDecimal());
      }
    }
    if (measurements.isEmpty()) {
      throw new Reject(RejectReason.MISSING_FIELD, "", "the reading has no values");
    }
    SequenceCheck.Verdict seq =
        SequenceCheck.check(state.lastSeq(), raw.seq().getAsLong(), raw.seqBits());
    CanonicalReading reading =
        new CanonicalReading(profile.id(), context.deviceId(), seq.sequence(), time, measurements);
    checkSignature(raw, reading, context);
    if (!seq.fresh()) {
      throw new Reject(
          RejectReason.REPLAY,
          "seq",
          "sequence number "
              + raw.seq().getAsLong()
              + " is not after "
              + state.lastSeq()
              + ", the last accepted");
    }
    checkClock(time, context.nowMillis());
    for (Map.Entry<String, BigDecimal> counter : counters.entrySet()) {
      FieldSpec field = fieldsByName.get(counter.getKey());
      Optional<BigDecimal> last = Optional.ofNullable(state.counters().get(counter.getKey()));
      if (!CounterCheck.accepts(field.counter().orElseThrow(), last, counter.getValue())) {
        throw new Reject(
            RejectReason.COUNTER_BACKWARDS,
            field.name(),
            "counter went from "
                + last.get().toPlainString()
                + " to "
                + counter.getValue().toPlainString()
                + (field.unit().isEmpty() ? "" : " " + field.unit()));
      }
    }
    return new Step(reading, state.after(seq.sequence(), counters));
  }

  private void checkSignature(RawReading raw, CanonicalReading reading, ValidationContext context) {
    if (!profile.isSigned() || !context.checkSignatures()) {
      return;
    }
    Optional<byte[]> signature = raw.signature();
    if (signature.isEmpty()) {
      throw new Reject(RejectReason.BAD_SIGNATURE, "signature", "the reading is not signed");
    }
    DeviceKey key =
        context
            .key()
            .orElseThrow(
                () ->
                    new Reject(
                        RejectReason.BAD_SIGNATURE,
                        "signature",
                        "no key is registered for device " + context.deviceId()));
    if (key.scheme() != profile.signature()) {
      throw new Reject(
          RejectReason.BAD_SIGNATURE,
          "signature",
          "the device's key is "
              + key.scheme().yamlName()
              + ", the profile wants "
              + profile.signature().yamlName());
    }
    if (!ReadingSignatures.verify(key, reading.toCanonicalBytes(), signature.get())) {
      throw new Reject(
          RejectReason.BAD_SIGNATURE,
          "signature",
          profile.signature().yamlName()
              + " signature does not verify for device "
              + context.deviceId());
    }
  }

  private void checkClock(long time, long now) {
    long skew = profile.clockSkew().toMillis();
    long diff = time - now;
    if (Math.abs(diff) > skew) {
      throw new Reject(
          RejectReason.CLOCK_SKEW,
          "time",
          "timestamp "
              + Instant.ofEpochMilli(time)
              + " is "
              + describe(Duration.ofMillis(Math.abs(diff)))
              + (diff > 0 ? " ahead of" : " behind")
              + " the gateway clock, at most "
              + describe(profile.clockSkew()));
    }
  }

  private static String describe(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  private static ReadingOutcome rejected(RejectReason reason, String field, String message) {
    return new ReadingOutcome.Rejected(new Rejection(reason, message, field));
  }
}
