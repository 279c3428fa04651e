package org.citygate.gateway.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.citygate.profiles.model.DeviceKind;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.api.Test;

class PointMapperTest {
  @Test
  void meterReadingAsLineProtocol() {
    assertEquals(
        // measurement = kind, tags sorted by key, one float field per decimal, then the proof
        // fields as integers, timestamp in ms
        "meter,device=m1,gateway=gw-1,zone=zone-a"
            + " batch_seq=7i,device_seq=101i,energy_import=1234567.891,leaf_index=1i,power=1.5"
            + " 1700000000001",
        PointMapper.toPoint(Readings.meter("m1", 1, "1234567.891")).toLineProtocol());
  }

  @Test
  void sameReadingAlwaysMapsToTheSamePoint() {
    StoredReading a = Readings.meter("m1", 1, "42");
    StoredReading b = Readings.meter("m1", 1, "42");
    assertEquals(PointMapper.toPoint(a).toLineProtocol(), PointMapper.toPoint(b).toLineProtocol());
  }

  @Test
  void integralDecimalIsStillAFloatField() {
    // one field type whatever the value's scale: "42" and "42.5" never conflict
    assertTrue(
        PointMapper.toPoint(Readings.meter("m1", 1, "42"))
            .toLineProtocol()
            .contains("energy_import=42.0,"));
  }

  @Test
  void decimalBeyondDoublePrecisionKeepsItsExactText() {
    String line =
        PointMapper.toPoint(Readings.meter("m1", 1, "123456789.123456789")).toLineProtocol();
    assertTrue(line.contains("energy_import_exact=\"123456789.123456789\""), line);
    assertTrue(line.contains("energy_import=123456789.12345679"), line);
  }

  @Test
  void flagsAndTextsAreBooleanAndStringFields() {
    String flag =
        PointMapper.toPoint(Readings.parking("p1", 0, "occupied", new MeasurementValue.Flag(true)))
            .toLineProtocol();
    assertTrue(flag.contains("occupied=true"), flag);
    String text =
        PointMapper.toPoint(
                Readings.parking("p1", 0, "status", new MeasurementValue.Text("fault \"x\"")))
            .toLineProtocol();
    assertTrue(text.contains("status=\"fault \\\"x\\\"\""), text);
  }

  @Test
  void punctuationInNamesBecomesUnderscore() {
    String line =
        PointMapper.toPoint(
                Readings.parking("p1", 0, "obis:1.8.0", MeasurementValue.Decimal.parse("5")))
            .toLineProtocol();
    assertTrue(line.contains("obis_1_8_0=5.0"), line);
  }

  @Test
  void collidingOrReservedKeysAreRefused() {
    CanonicalReading twoKeys =
        new CanonicalReading(
            "p@1",
            "d",
            1,
            1,
            List.of(
                new Measurement("a.b", "", new MeasurementValue.Flag(true)),
                new Measurement("a_b", "", new MeasurementValue.Flag(false))));
    IllegalArgumentException collision =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PointMapper.toPoint(
                    new StoredReading(twoKeys, DeviceKind.PARKING, "g", "z", 0, 0)));
    assertTrue(collision.getMessage().contains("'a_b'"), collision.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PointMapper.toPoint(
                Readings.parking("p1", 0, "batch_seq", MeasurementValue.Decimal.parse("1"))));
  }

  @Test
  void everyKindHasItsMeasurement() {
    assertEquals("streetlight", DeviceKind.STREETLIGHT.yamlName());
    assertEquals(
        "parking",
        PointMapper.measurement(Readings.parking("p", 0, "x", new MeasurementValue.Flag(true))));
  }
}
