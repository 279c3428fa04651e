package org.citygate.profiles.codec.senml;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
import org.citygate.profiles.codec.WireValue;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.model.MqttBinding;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;

/**
 * A profile's SenML codec: a pack is read and resolved by {@link SenmlReader}, then its records are
 * grouped by time, one reading per distinct time. In each group the record named by the codec's
 * {@code seq} carries the sequence number and, for signed profiles, the record named by {@code
 * signature} carries the signature in {@code vd}; every other record is a field, found by its SenML
 * name after the profile's base name.
 */
public final class SenmlCodec implements PayloadCodec {
  private final DeviceProfile profile;
  private final CodecSpec.Senml spec;
  private final SenmlReader reader;
  private final SenmlWriter writer;
  private final Map<String, FieldSpec> bySenmlName = new HashMap<>();
  private final Map<String, FieldSpec> byName = new HashMap<>();
  private final String baseNameHead;
  private final String baseNameTail;

  /** The codec for {@code profile}, whose codec must be SenML. */
  public SenmlCodec(DeviceProfile profile) {
    this.profile = profile;
    this.spec = (CodecSpec.Senml) profile.codec();
    this.reader =
        spec.cbor() ? SenmlReader.cbor(profile.limits()) : SenmlReader.json(profile.limits());
    this.writer = spec.cbor() ? SenmlWriter.cbor() : SenmlWriter.json();
    for (FieldSpec field : profile.fields()) {
      bySenmlName.put(field.senmlName(), field);
      byName.put(field.name(), field);
    }
    // A base name with one {deviceId} is kept split around it, so a decode concatenates rather
    // than searches; any other base name is resolved by replace().
    String baseName = spec.baseName().orElse("");
    int at = baseName.indexOf(MqttBinding.DEVICE_ID);
    if (at >= 0 && baseName.indexOf(MqttBinding.DEVICE_ID, at + 1) < 0) {
      baseNameHead = baseName.substring(0, at);
      baseNameTail = baseName.substring(at + MqttBinding.DEVICE_ID.length());
    } else {
      baseNameHead = null;
      baseNameTail = null;
    }
  }

  @Override
  public DecodeResult decode(byte[] payload, DecodeContext context) {
    try {
      return new DecodeResult.Decoded(group(reader.read(payload), context));
    } catch (Reject r) {
      return new DecodeResult.Failed(r.rejection());
    } catch (IOException e) {
      return new DecodeResult.Failed(JacksonSupport.rejection(e));
    } catch (RuntimeException e) {
      return new DecodeResult.Failed(
          new Rejection(RejectReason.MALFORMED, "undecodable SenML: " + e, ""));
    }
  }

  /** Mutable collector for one reading's records. */
  private static final class Group {
    final Map<String, WireValue> values = new HashMap<>();
    Long seq;
    byte[] signature;
  }

  private List<RawReading> group(List<SenmlRecord> records, DecodeContext context) {
    String prefix = prefix(context.deviceId());
    Map<Long, Group> groups = new LinkedHashMap<>();
    // Records without a time of their own share one time object (SenmlReader): convert it once.
    BigDecimal lastTime = null;
    long millis = 0;
    Group group = null;
    for (SenmlRecord record : records) {
      if (record.time() != lastTime) {
        lastTime = record.time();
        millis = Numbers.secondsToMillis(lastTime, "t");
        if (record.isRelativeTime()) {
          millis = Math.addExact(context.nowMillis(), millis);
        }
        group = groups.computeIfAbsent(millis, k -> new Group());
      }
      String name = record.name();
      if (!name.startsWith(prefix)) {
        throw new Reject(
            RejectReason.WRONG_DEVICE,
            "bn",
            "record '"
                + name
                + "' is not under the base name '"
                + prefix
                + "' of device "
                + context.deviceId());
      }
      name = name.substring(prefix.length());
      if (name.equals(spec.seqName())) {
        if (group.seq != null) {
          throw new Reject(RejectReason.MALFORMED, name, "two sequence numbers at one time");
        }
        group.seq = Numbers.nonNegativeLong(number(record, name), name);
      } else if (profile.isSigned() && name.equals(spec.signatureName())) {
        if (group.signature != null
            || !(record.value().orElse(null) instanceof SenmlValue.Data d)) {
          throw new Reject(
              RejectReason.BAD_SIGNATURE, name, "the signature record must have one vd value");
        }
        group.signature = d.value();
      } else {
        field(record, name, group);
      }
    }
    List<RawReading> readings = new ArrayList<>(groups.size());
    for (Map.Entry<Long, Group> entry : groups.entrySet()) {
      Group g = entry.getValue();
      readings.add(
          new RawReading(
              g.seq == null ? OptionalLong.empty() : OptionalLong.of(g.seq),
              64,
              OptionalLong.of(entry.getKey()),
              g.values,
              Optional.ofNullable(g.signature)));
    }
    return readings;
  }

  private void field(SenmlRecord record, String name, Group group) {
    FieldSpec field = bySenmlName.get(name);
    if (field == null) {
      if (profile.rejectUnknownFields()) {
        throw new Reject(
            RejectReason.UNKNOWN_FIELD,
            name,
            "record '" + name + "' is not declared by " + profile.id());
      }
      return;
    }
    if (!record.unit().isEmpty() && !record.unit().equals(field.unit())) {
      throw new Reject(
          RejectReason.WRONG_UNIT,
          field.name(),
          "unit '" + record.unit() + "', want '" + field.unit() + "'");
    }
    WireValue value = wire(record, field.name());
    if (group.values.put(field.name(), value) != null) {
      throw new Reject(RejectReason.MALFORMED, field.name(), "'" + name + "' twice at one time");
    }
  }

  private static BigDecimal number(SenmlRecord record, String field) {
    WireValue value = wire(record, field);
    if (value instanceof WireValue.Num n) {
      return n.value();
    }
    throw new Reject(RejectReason.WRONG_TYPE, field, "want a number (v)");
  }

  private static WireValue wire(SenmlRecord record, String field) {
    if (record.value().isEmpty()) {
      return new WireValue.Num(record.sum().orElseThrow());
    }
    SenmlValue value = record.value().get();
    if (value instanceof SenmlValue.Num n) {
      return new WireValue.Num(n.value());
    } else if (value instanceof SenmlValue.Bool b) {
      return new WireValue.Bool(b.value());
    } else if (value instanceof SenmlValue.Str s) {
      return new WireValue.Str(s.value());
    }
    throw new Reject(
        RejectReason.WRONG_TYPE, field, "a data value (vd) is only allowed for the signature");
  }

  private String prefix(String deviceId) {
    if (baseNameTail != null) {
      return baseNameHead + deviceId + baseNameTail;
    }
    return spec.baseName().map(b -> b.replace(MqttBinding.DEVICE_ID, deviceId)).orElse("");
  }

  @Override
  public byte[] encode(List<SignedReading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("nothing to encode");
    }
    List<SenmlEntry> entries = new ArrayList<>();
    BigDecimal baseTime = Numbers.millisToSeconds(readings.get(0).reading().timestampMillis());
    for (SignedReading signed : readings) {
      CanonicalReading reading = signed.reading();
      BigDecimal t =
          Numbers.millisToSeconds(reading.timestampMillis())
              .subtract(baseTime)
              .stripTrailingZeros();
      List<SenmlEntry> group = new ArrayList<>();
      for (Measurement m : reading.measurements()) {
        FieldSpec field = byName.get(m.name());
        if (field == null) {
          throw new IllegalArgumentException(
              "measurement '" + m.name() + "' is not a field of " + profile.id());
        }
        SenmlEntry entry =
            SenmlEntry.of(field.senmlName(), senmlValue(FieldValues.toWire(field, m.value())));
        group.add(field.unit().isEmpty() ? entry : entry.withUnit(field.unit()));
      }
      group.add(
          SenmlEntry.of(
              spec.seqName(), new SenmlValue.Num(BigDecimal.valueOf(reading.deviceSeq()))));
      if (profile.isSigned()) {
        byte[] signature =
            signed
                .signature()
                .orElseThrow(
                    () -> new IllegalArgumentException(profile.id() + " readings must be signed"));
        group.add(SenmlEntry.of(spec.signatureName(), new SenmlValue.Data(signature)));
      }
      for (SenmlEntry entry : group) {
        entries.add(t.signum() == 0 ? entry : entry.withTime(t));
      }
    }
    String deviceId = readings.get(0).reading().deviceId();
    entries.set(
        0,
        entries.get(0).withBase(spec.baseName().map(b -> prefix(deviceId)), Optional.of(baseTime)));
    return writer.write(entries);
  }

  private static SenmlValue senmlValue(WireValue value) {
    if (value instanceof WireValue.Num n) {
      return new SenmlValue.Num(n.value());
    } else if (value instanceof WireValue.Bool b) {
      return new SenmlValue.Bool(b.value());
    }
    return new SenmlValue.Str(((WireValue.Str) value).value());
  }
}
