package org.citygate.gateway.sink.influx;

import java.util.ArrayList;
import java.util.List;
import org.citygate.profiles.model.DeviceKind;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;

/** Stored readings for the tests. */
final class Readings {
  static final long T0 = 1_700_000_000_000L;

  private Readings() {}

  /** A smart-meter reading of {@code device} in batch 7 at leaf {@code leaf}, T0 + leaf ms. */
  static StoredReading meter(String device, int leaf, String energyWh) {
    CanonicalReading reading =
        new CanonicalReading(
            "citygate/smart-meter-obis@1",
            device,
            100 + leaf,
            T0 + leaf,
            List.of(
                new Measurement("energy_import", "Wh", MeasurementValue.Decimal.parse(energyWh)),
                new Measurement("power", "W", MeasurementValue.Decimal.parse("1.5"))));
    return new StoredReading(reading, DeviceKind.METER, "gw-1", "zone-a", 7, leaf);
  }

  /** A parking reading with one measurement {@code name} = {@code value}. */
  static StoredReading parking(String device, int leaf, String name, MeasurementValue value) {
    CanonicalReading reading =
        new CanonicalReading(
            "citygate/parking@1",
            device,
            leaf,
            T0 + leaf,
            List.of(new Measurement(name, "", value)));
    return new StoredReading(reading, DeviceKind.PARKING, "gw-1", "zone-b", 3, leaf);
  }

  /** {@code count} meter readings of devices m0..m(count-1). */
  static List<StoredReading> meters(int count) {
    List<StoredReading> readings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      readings.add(meter("m" + i, i, Integer.toString(1000 + i) + ".25"));
    }
    return readings;
  }

  /** {@code readings} as sealed by gateway {@code gatewayId}, to keep tests' rows apart. */
  static List<StoredReading> fromGateway(String gatewayId, List<StoredReading> readings) {
    return readings.stream()
        .map(
            r ->
                new StoredReading(
                    r.reading(), r.kind(), gatewayId, r.zone(), r.batchSeq(), r.leafIndex()))
        .toList();
  }
}
