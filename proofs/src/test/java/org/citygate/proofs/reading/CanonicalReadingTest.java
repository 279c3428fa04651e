package org.citygate.proofs.reading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.citygate.proofs.hash.Hex;
import org.junit.jupiter.api.Test;

class CanonicalReadingTest {
  private static final CanonicalReading METER =
      new CanonicalReading(
          "citygate/smart-meter@1",
          "meter-7",
          42,
          1_763_790_000_000L,
          List.of(
              new Measurement("import_wh", "Wh", MeasurementValue.Decimal.parse("1234567")),
              new Measurement("export_wh", "Wh", MeasurementValue.Decimal.parse("890.5")),
              new Measurement("status", "", new MeasurementValue.Text("ok")),
              new Measurement("tamper", "", new MeasurementValue.Flag(false))));

  @Test
  void encodesFieldByField() {
    CanonicalReading reading =
        new CanonicalReading(
            "p",
            "d",
            1,
            2,
            List.of(new Measurement("t", "Cel", MeasurementValue.Decimal.parse("23.50"))));
    String expected =
        "0x"
            + "01" // version
            + "0001"
            + "70" // profileId "p"
            + "0001"
            + "64" // deviceId "d"
            + "0000000000000001" // deviceSeq 1
            + "0000000000000002" // timestampMillis 2
            + "0001" // one measurement
            + "0001"
            + "74" // name "t"
            + "0003"
            + "43656c" // unit "Cel"
            + "01" // decimal
            + "00000000000000eb" // mantissa 235
            + "ff"; // exponent -1
    assertEquals(expected, Hex.encode(reading.toCanonicalBytes()));
  }

  @Test
  void sortsMeasurementsSoOrderOfArrivalDoesNotMatter() {
    List<Measurement> reversed = new ArrayList<>(METER.measurements());
    java.util.Collections.reverse(reversed);
    CanonicalReading same =
        new CanonicalReading(
            METER.profileId(), METER.deviceId(), 42, METER.timestampMillis(), reversed);
    assertEquals(METER, same);
    assertArrayEquals(METER.toCanonicalBytes(), same.toCanonicalBytes());
    assertEquals(
        List.of("export_wh", "import_wh", "status", "tamper"),
        same.measurements().stream().map(Measurement::name).toList());
  }

  @Test
  void roundTripsRandomReadings() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      CanonicalReading reading = randomReading(random);
      byte[] bytes = reading.toCanonicalBytes();
      assertEquals(reading, CanonicalReading.fromCanonicalBytes(bytes));
    }
  }

  @Test
  void normalisesDecimalsToOneForm() {
    assertEquals(new MeasurementValue.Decimal(12, 2), MeasurementValue.Decimal.parse("1200"));
    assertEquals(new MeasurementValue.Decimal(12, 2), MeasurementValue.Decimal.parse("1.2E+3"));
    assertEquals(new MeasurementValue.Decimal(0, 0), MeasurementValue.Decimal.parse("-0.000"));
    assertEquals(new MeasurementValue.Decimal(-5, -3), MeasurementValue.Decimal.parse("-0.0050"));
    assertEquals("23.5", MeasurementValue.Decimal.parse("23.50").toString());
  }

  @Test
  void refusesDecimalsThatDoNotFit() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MeasurementValue.Decimal.of(new BigDecimal("12345678901234567891")));
    assertThrows(IllegalArgumentException.class, () -> MeasurementValue.Decimal.parse("1E+200"));
    assertThrows(IllegalArgumentException.class, () -> MeasurementValue.Decimal.parse("NaN"));
    assertThrows(IllegalArgumentException.class, () -> new MeasurementValue.Decimal(120, 0));
    assertThrows(IllegalArgumentException.class, () -> new MeasurementValue.Decimal(0, 3));
  }

  @Test
  void rejectsInvalidReadings() {
    var value = MeasurementValue.Decimal.parse("1");
    var m = new Measurement("a", "", value);
    assertThrows(
        IllegalArgumentException.class, () -> new CanonicalReading("p", "d", 0, 0, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new CanonicalReading("", "d", 0, 0, List.of(m)));
    assertThrows(
        IllegalArgumentException.class, () -> new CanonicalReading("p", "d\n", 0, 0, List.of(m)));
    assertThrows(
        IllegalArgumentException.class, () -> new CanonicalReading("p", "d", -1, 0, List.of(m)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CanonicalReading("p", "d", 1L << 53, 0, List.of(m)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CanonicalReading("p", "d", 0, 1L << 53, List.of(m)));
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CanonicalReading("p", "d", 0, 0, List.of(m, m)));
    assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Measurement("Upper", "", value));
    assertThrows(IllegalArgumentException.class, () -> new Measurement("a", "W h", value));
  }

  @Test
  void decodingRefusesEverythingButTheCanonicalForm() {
    byte[] good = METER.toCanonicalBytes();
    assertRejected(Arrays.copyOf(good, good.length + 1), "trailing");
    assertRejected(Arrays.copyOf(good, good.length - 1), "truncated");
    assertRejected(new byte[0], "truncated");

    byte[] version = good.clone();
    version[0] = 2;
    assertRejected(version, "version 2");

    byte[] twoFlags =
        new CanonicalReading(
                "p",
                "d",
                0,
                0,
                List.of(
                    new Measurement("a", "", new MeasurementValue.Flag(true)),
                    new Measurement("b", "", new MeasurementValue.Flag(true))))
            .toCanonicalBytes();
    byte[] unsorted = twoFlags.clone();
    int nameA = indexOf(unsorted, (byte) 'a');
    int nameB = indexOf(unsorted, (byte) 'b');
    unsorted[nameA] = 'b';
    unsorted[nameB] = 'a';
    assertRejected(unsorted, "out of order");

    byte[] flag = twoFlags.clone();
    flag[flag.length - 1] = 2;
    assertRejected(flag, "flag byte 2");

    byte[] notNormal = decimalReading("1").clone();
    notNormal[notNormal.length - 2] = 10; // mantissa 10 with exponent 0
    assertRejected(notNormal, "not normalised");

    byte[] badUtf8 = decimalReading("1").clone();
    badUtf8[3] = (byte) 0xff; // the profile id's only byte
    assertRejected(badUtf8, "invalid UTF-8");

    byte[] unknownType = decimalReading("1").clone();
    unknownType[unknownType.length - 10] = 9;
    assertRejected(unknownType, "unknown value type");
  }

  private static byte[] decimalReading(String value) {
    return new CanonicalReading(
            "p",
            "d",
            0,
            0,
            List.of(new Measurement("v", "", MeasurementValue.Decimal.parse(value))))
        .toCanonicalBytes();
  }

  private static void assertRejected(byte[] bytes, String expectedMessagePart) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CanonicalReading.fromCanonicalBytes(bytes));
    assertTrue(
        e.getMessage().contains(expectedMessagePart),
        () -> "message '" + e.getMessage() + "' should mention '" + expectedMessagePart + "'");
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == b && bytes[i - 1] == 1 && bytes[i - 2] == 0) {
        return i;
      }
    }
    throw new AssertionError("byte not found");
  }

  static CanonicalReading randomReading(Random random) {
    int count = 1 + random.nextInt(6);
    List<Measurement> measurements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      MeasurementValue value =
          switch (random.nextInt(3)) {
            case 0 ->
                MeasurementValue.Decimal.of(
                    BigDecimal.valueOf(
                        random.nextLong() >> random.nextInt(60), random.nextInt(12) - 4));
            case 1 -> new MeasurementValue.Flag(random.nextBoolean());
            default -> new MeasurementValue.Text("fault-" + random.nextInt(100) + " é");
          };
      measurements.add(new Measurement("m" + i + "_x", random.nextBoolean() ? "W" : "", value));
    }
    return new CanonicalReading(
        "citygate/test@1",
        "dev-" + random.nextInt(1000),
        random.nextLong() >>> 11,
        random.nextLong() >>> 22,
        measurements);
  }
}
