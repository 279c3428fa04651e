package org.citygate.profiles.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.codec.SignedReading;
import org.citygate.profiles.load.BuiltInProfiles;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.sign.SigningKey;
import org.citygate.profiles.testing.Keys;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad payloads per codec, each rejected with the expected reason, and no exception
 * escaping the validator.
 */
public class BadPayloadCorpusTest {
  static final long NOW = 1_780_000_000_000L; // 2026-05-28T20:26:40Z
  static final DeviceProfile RADAR = profile("citygate/parking-radar-senml@1");
  static final DeviceProfile LIGHT = profile("citygate/streetlight-controller@1");
  static final DeviceProfile TRIP = profile("citygate/mobility-trip@1");
  static final DeviceProfile METER = profile("citygate/smart-meter-obis@1");
  static final DeviceProfile PV = profile("citygate/pv-inverter-sunspec@1");
  static final DeviceProfile LORA = profile("citygate/parking-lorawan-binary@1");

  static DeviceProfile profile(String id) {
    return BuiltInProfiles.byId(id).orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void rejectedWithTheExpectedReason(
      String name,
      DeviceProfile profile,
      String device,
      byte[] payload,
      DeviceState state,
      RejectReason want) {
    ValidationContext context = ValidationContext.of(device, NOW);
    Optional<SigningKey> key = Keys.forProfile(profile, 7);
    if (key.isPresent()) {
      context = context.withKey(key.get().deviceKey());
    }
    ReadingOutcome outcome = new ReadingValidator(profile).validate(payload, context, state);
    ReadingOutcome.Rejected rejected =
        assertInstanceOf(ReadingOutcome.Rejected.class, outcome, name);
    assertEquals(want, rejected.rejection().reason(), name + ": " + rejected.rejection());
  }

  public static Stream<Arguments> corpus() {
    List<Arguments> cases = new ArrayList<>();
    senmlCbor(cases);
    senmlJson(cases);
    json(cases);
    binary(cases);
    return cases.stream();
  }

  // ---------------------------------------------------------------- SenML CBOR (parking radar)

  static void senmlCbor(List<Arguments> cases) {
    String bn = "urn:dev:ops:bay-1:";
    byte[] good =
        cbor(
            List.of(
                Map.of(-2, bn, -3, 1_780_000_000L, 0, "3302/0/5500", 4, true),
                Map.of(0, "3316/0/5700", 1, "V", 2, 3.1),
                Map.of(0, "seq", 2, 7L)));
    add(
        cases,
        "cbor: truncated",
        RADAR,
        "bay-1",
        Arrays.copyOf(good, good.length - 3),
        RejectReason.MALFORMED);
    add(cases, "cbor: one byte", RADAR, "bay-1", new byte[] {(byte) 0x83}, RejectReason.MALFORMED);
    add(cases, "cbor: empty", RADAR, "bay-1", new byte[0], RejectReason.MALFORMED);
    add(cases, "cbor: not an array", RADAR, "bay-1", hex("a10067736571"), RejectReason.MALFORMED);
    add(
        cases,
        "cbor: trailing garbage",
        RADAR,
        "bay-1",
        concat(good, new byte[] {0x01}),
        RejectReason.MALFORMED);
    add(
        cases,
        "cbor: presence as text",
        RADAR,
        "bay-1",
        cbor(List.of(Map.of(-2, bn, 0, "3302/0/5500", 3, "yes"), Map.of(0, "seq", 2, 7L))),
        RejectReason.WRONG_TYPE);
    add(
        cases,
        "cbor: v label holds a text",
        RADAR,
        "bay-1",
        cbor(List.of(Map.of(-2, bn, 0, "3316/0/5700", 2, "3.1"), Map.of(0, "seq", 2, 7L))),
        RejectReason.WRONG_TYPE);
    // {-2: bn, 0: "3316/0/5700", 2: NaN as half float f97e00}
    add(
        cases,
        "cbor: NaN",
        RADAR,
        "bay-1",
        withRawValue(bn, "3316/0/5700", "f97e00"),
        RejectReason.NOT_FINITE);
    add(
        cases,
        "cbor: +Infinity",
        RADAR,
        "bay-1",
        withRawValue(bn, "3316/0/5700", "f97c00"),
        RejectReason.NOT_FINITE);
    add(
        cases,
        "cbor: -Infinity double",
        RADAR,
        "bay-1",
        withRawValue(bn, "3316/0/5700", "fbfff0000000000000"),
        RejectReason.NOT_FINITE);
    add(
        cases,
        "cbor: battery above maximum",
        RADAR,
        "bay-1",
        cbor(
            List.of(
                Map.of(-2, bn, 0, "3302/0/5500", 4, true),
                Map.of(0, "3316/0/5700", 2, 9.5),
                Map.of(0, "seq", 2, 7L))),
        RejectReason.OUT_OF_RANGE);
    add(
        cases,
        "cbor: bignum value (tag 2)",
        RADAR,
        "bay-1",
        withRawValue(bn, "3316/0/5700", "c2581a" + "ff".repeat(26)),
        RejectReason.WRONG_TYPE);
    add(
        cases,
        "cbor: decimal fraction (tag 4)",
        RADAR,
        "bay-1",
        withRawValue(bn, "3316/0/5700", "c482" + "21" + "19" + "0c1c"), // 4([-2, 3100]) = 31.00
        RejectReason.WRONG_TYPE);
    add(
        cases,
        "cbor: invalid UTF-8 in a name",
        RADAR,
        "bay-1",
        hex("81a2" + "0063" + "c328ff" + "04f5"),
        RejectReason.MALFORMED);
    add(
        cases,
        "cbor: deep nesting",
        RADAR,
        "bay-1",
        hex("81a1" + "19" + "1234" + "81".repeat(40) + "00"),
        RejectReason.TOO_LARGE);
    add(cases, "cbor: oversized", RADAR, "bay-1", new byte[600], RejectReason.TOO_LARGE);
    add(
        cases,
        "cbor: too many records",
        RADAR,
        "bay-1",
        cbor(java.util.Collections.nCopies(20, Map.<Integer, Object>of(0, "x", 2, 1L))),
        RejectReason.TOO_LARGE);
    add(
        cases,
        "cbor: presence missing",
        RADAR,
        "bay-1",
        cbor(
            List.of(
                Map.of(-2, bn, -3, 1_780_000_000L, 0, "3316/0/5700", 2, 3.1),
                Map.of(0, "seq", 2, 7L))),
        RejectReason.MISSING_FIELD);
    add(
        cases,
        "cbor: no sequence number",
        RADAR,
        "bay-1",
        cbor(List.of(Map.of(-2, bn, 0, "3302/0/5500", 4, true))),
        RejectReason.MISSING_FIELD);
    add(
        cases,
        "cbor: replayed sequence number",
        RADAR,
        "bay-1",
        good,
        new DeviceState(7, Map.of()),
        RejectReason.REPLAY);
    add(
        cases,
        "cbor: older sequence number",
        RADAR,
        "bay-1",
        good,
        new DeviceState(100, Map.of()),
        RejectReason.REPLAY);
    add(
        cases,
        "cbor: timestamp 10 min ahead",
        RADAR,
        "bay-1",
        cbor(
            List.of(
                Map.of(-2, bn, -3, 1_780_000_600L, 0, "3302/0/5500", 4, true),
                Map.of(0, "seq", 2, 7L))),
        RejectReason.CLOCK_SKEW);
    add(cases, "cbor: another device's base name", RADAR, "bay-2", good, RejectReason.WRONG_DEVICE);
    add(
        cases,
        "cbor: unknown record",
        RADAR,
        "bay-1",
        cbor(
            List.of(
                Map.of(-2, bn, 0, "3302/0/5500", 4, true),
                Map.of(0, "humidity", 2, 3L),
                Map.of(0, "seq", 2, 7L))),
        RejectReason.UNKNOWN_FIELD);
    add(
        cases,
        "cbor: wrong unit",
        RADAR,
        "bay-1",
        cbor(
            List.of(
                Map.of(-2, bn, 0, "3302/0/5500", 4, true),
                Map.of(0, "3316/0/5700", 1, "mV", 2, 3100L),
                Map.of(0, "seq", 2, 7L))),
        RejectReason.WRONG_UNIT);
    add(
        cases,
        "cbor: SenML version 11",
        RADAR,
        "bay-1",
        cbor(List.of(Map.of(-1, 11L, -2, bn, 0, "3302/0/5500", 4, true), Map.of(0, "seq", 2, 7L))),
        RejectReason.MALFORMED);
  }

  // ------------------------------------------------ SenML JSON (street light, mobility trip)

  static void senmlJson(List<Arguments> cases) {
    String head = "[{\"bn\":\"urn:dev:ops:lamp-1:\",\"bt\":1780000000,";
    String tail = ",{\"n\":\"seq\",\"v\":5}]";
    addJson(
        cases,
        "senml-json: truncated",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":tr",
        RejectReason.MALFORMED);
    addJson(cases, "senml-json: not JSON", LIGHT, "lamp-1", "hello", RejectReason.MALFORMED);
    addJson(
        cases,
        "senml-json: object, not array",
        LIGHT,
        "lamp-1",
        "{\"n\":\"a\",\"v\":1}",
        RejectReason.MALFORMED);
    addJson(
        cases,
        "senml-json: dim as text",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3311/0/5851\",\"vs\":\"40\"}" + tail,
        RejectReason.WRONG_TYPE);
    addJson(
        cases,
        "senml-json: dim fractional",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3311/0/5851\",\"v\":40.5}" + tail,
        RejectReason.WRONG_TYPE);
    addJson(
        cases,
        "senml-json: NaN",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3311/0/5851\",\"v\":NaN}" + tail,
        RejectReason.NOT_FINITE);
    addJson(
        cases,
        "senml-json: Infinity",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3328/0/5700\",\"v\":-Infinity}" + tail,
        RejectReason.NOT_FINITE);
    addJson(
        cases,
        "senml-json: dim 140 %",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3311/0/5851\",\"v\":140}" + tail,
        RejectReason.OUT_OF_RANGE);
    addJson(
        cases,
        "senml-json: number too large (1e400)",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3328/0/5700\",\"v\":1e400}" + tail,
        RejectReason.OUT_OF_RANGE);
    addJson(
        cases,
        "senml-json: number literal of 100 digits",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3328/0/5700\",\"v\":" + "9".repeat(100) + "}" + tail,
        RejectReason.TOO_LARGE);
    addJson(
        cases,
        "senml-json: fault code not allowed",
        LIGHT,
        "lamp-1",
        head
            + "\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3311/0/5851\",\"v\":4},{\"n\":\"fault\",\"vs\":\"melted\"}"
            + tail,
        RejectReason.OUT_OF_RANGE);
    addJson(
        cases,
        "senml-json: deep nesting",
        LIGHT,
        "lamp-1",
        "[{\"x\":" + "[".repeat(50) + "]".repeat(50) + "}]",
        RejectReason.TOO_LARGE);
    cases.add(
        Arguments.of(
            "senml-json: invalid UTF-8",
            LIGHT,
            "lamp-1",
            concat(
                (head + "\"n\":\"fault\",\"vs\":\"").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xc3, (byte) 0x28},
                ("\"}" + tail).getBytes(StandardCharsets.UTF_8)),
            DeviceState.INITIAL,
            RejectReason.MALFORMED));
    addJson(
        cases,
        "senml-json: unpaired surrogate escape",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"fault\",\"vs\":\"\\ud800\"}" + tail,
        RejectReason.MALFORMED);
    addJson(
        cases,
        "senml-json: oversized",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"fault\",\"vs\":\"" + "x".repeat(5000) + "\"}" + tail,
        RejectReason.TOO_LARGE);
    addJson(
        cases,
        "senml-json: required dim missing",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true}" + tail,
        RejectReason.MISSING_FIELD);
    addJson(
        cases,
        "senml-json: duplicate key",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true,\"vb\":false}" + tail,
        RejectReason.MALFORMED);
    addJson(
        cases,
        "senml-json: must-understand label",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true,\"crit_\":1}" + tail,
        RejectReason.MALFORMED);
    addJson(
        cases,
        "senml-json: two values in a record",
        LIGHT,
        "lamp-1",
        head + "\"n\":\"3311/0/5850\",\"vb\":true,\"v\":1}" + tail,
        RejectReason.MALFORMED);
    addJson(
        cases,
        "senml-json: bad name character",
        LIGHT,
        "lamp-1",
        "[{\"n\":\"a b\",\"v\":1}]",
        RejectReason.MALFORMED);
    addJson(
        cases,
        "senml-json: energy counter backwards",
        LIGHT,
        "lamp-1",
        head
            + "\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3311/0/5851\",\"v\":4},{\"n\":\"3331/0/5805\",\"v\":900}"
            + tail,
        new DeviceState(4, Map.of("energy", new BigDecimal("1000"))),
        RejectReason.COUNTER_BACKWARDS);
    addJson(
        cases,
        "senml-json: timestamp an hour behind",
        LIGHT,
        "lamp-1",
        "[{\"bn\":\"urn:dev:ops:lamp-1:\",\"bt\":1779996400,\"n\":\"3311/0/5850\",\"vb\":true},{\"n\":\"3311/0/5851\",\"v\":4}"
            + tail,
        RejectReason.CLOCK_SKEW);

    // Ed25519-signed mobility trip
    SigningKey key = Keys.forProfile(TRIP, 7).orElseThrow();
    CanonicalReading trip =
        new CanonicalReading(
            TRIP.id(),
            "app-1",
            42,
            NOW - 1000,
            List.of(
                new Measurement("origin_cell", "", new MeasurementValue.Text("8a1fb46622dffff")),
                new Measurement(
                    "destination_cell", "", new MeasurementValue.Text("8a1fb4662a5ffff")),
                new Measurement("mode", "", new MeasurementValue.Text("bike")),
                new Measurement("slot", "", MeasurementValue.Decimal.of(new BigDecimal(33)))));
    byte[] signedTrip = encode(TRIP, trip, key.sign(trip));
    byte[] otherKey = encode(TRIP, trip, Keys.ed25519(99).sign(trip));
    String tampered = new String(signedTrip, StandardCharsets.UTF_8).replace("\"bike\"", "\"car\"");
    addJson(
        cases,
        "senml-json: tampered signed trip",
        TRIP,
        "app-1",
        tampered,
        RejectReason.BAD_SIGNATURE);
    cases.add(
        Arguments.of(
            "senml-json: signed by another key",
            TRIP,
            "app-1",
            otherKey,
            DeviceState.INITIAL,
            RejectReason.BAD_SIGNATURE));
    cases.add(
        Arguments.of(
            "senml-json: signed trip from another device id",
            TRIP,
            "app-2",
            new String(signedTrip, StandardCharsets.UTF_8)
                .replace("app:app-1:", "app:app-2:")
                .getBytes(StandardCharsets.UTF_8),
            DeviceState.INITIAL,
            RejectReason.BAD_SIGNATURE));
    addJson(
        cases,
        "senml-json: unsigned trip",
        TRIP,
        "app-1",
        new String(signedTrip, StandardCharsets.UTF_8).replaceAll(",\\{\"n\":\"sig\"[^}]*}", ""),
        RejectReason.BAD_SIGNATURE);
    cases.add(
        Arguments.of(
            "senml-json: replayed signed trip",
            TRIP,
            "app-1",
            signedTrip,
            new DeviceState(42, Map.of()),
            RejectReason.REPLAY));
  }

  // ---------------------------------------------------- JSON mapping (smart meter, PV inverter)

  static void json(List<Arguments> cases) {
    SigningKey key = Keys.forProfile(METER, 7).orElseThrow();
    CanonicalReading reading = meter(43, NOW - 5000, "12345678", "2345678");
    byte[] good = encode(METER, reading, key.sign(reading));
    String text = new String(good, StandardCharsets.UTF_8);
    addJson(
        cases,
        "json: truncated",
        METER,
        "m-1",
        text.substring(0, text.length() - 5),
        RejectReason.MALFORMED);
    addJson(cases, "json: array, not object", METER, "m-1", "[1,2]", RejectReason.MALFORMED);
    addJson(cases, "json: trailing tokens", METER, "m-1", text + " {}", RejectReason.MALFORMED);
    addJson(
        cases,
        "json: register as text",
        METER,
        "m-1",
        text.replace("12345.678", "\"12345.678\""),
        RejectReason.WRONG_TYPE);
    addJson(
        cases,
        "json: register NaN",
        METER,
        "m-1",
        text.replace("12345.678", "NaN"),
        RejectReason.NOT_FINITE);
    addJson(
        cases,
        "json: register Infinity",
        METER,
        "m-1",
        text.replace("12345.678", "Infinity"),
        RejectReason.NOT_FINITE);
    addJson(
        cases,
        "json: negative register",
        METER,
        "m-1",
        text.replace("12345.678", "-1"),
        RejectReason.OUT_OF_RANGE);
    addJson(
        cases,
        "json: register too large",
        METER,
        "m-1",
        text.replace("12345.678", "1e30"),
        RejectReason.OUT_OF_RANGE);
    addJson(
        cases,
        "json: seq fractional",
        METER,
        "m-1",
        text.replace("\"seq\":43", "\"seq\":43.5"),
        RejectReason.WRONG_TYPE);
    addJson(
        cases,
        "json: seq negative",
        METER,
        "m-1",
        text.replace("\"seq\":43", "\"seq\":-43"),
        RejectReason.OUT_OF_RANGE);
    addJson(
        cases,
        "json: no seq",
        METER,
        "m-1",
        text.replace("\"seq\":43,", ""),
        RejectReason.MISSING_FIELD);
    addJson(
        cases,
        "json: no timestamp",
        METER,
        "m-1",
        text.replaceAll("\"ts\":\"[^\"]*\",", ""),
        RejectReason.MISSING_FIELD);
    addJson(
        cases,
        "json: timestamp not RFC 3339",
        METER,
        "m-1",
        text.replaceAll("\"ts\":\"[^\"]*\"", "\"ts\":\"yesterday\""),
        RejectReason.WRONG_TYPE);
    addJson(
        cases,
        "json: export register missing",
        METER,
        "m-1",
        text.replaceAll("\"2\\.8\\.0\":2345\\.678,?", "").replace(",}", "}"),
        RejectReason.MISSING_FIELD);
    addJson(
        cases,
        "json: unknown member",
        METER,
        "m-1",
        text.replace("{\"seq\"", "{\"debug\":1,\"seq\""),
        RejectReason.UNKNOWN_FIELD);
    addJson(
        cases,
        "json: tampered register",
        METER,
        "m-1",
        text.replace("12345.678", "12345.679"),
        RejectReason.BAD_SIGNATURE);
    addJson(
        cases,
        "json: signature not base64url",
        METER,
        "m-1",
        text.replaceAll("\"sig\":\"[^\"]*\"", "\"sig\":\"***\""),
        RejectReason.BAD_SIGNATURE);
    addJson(
        cases,
        "json: deep nesting",
        METER,
        "m-1",
        "{\"a\":" + "{\"a\":".repeat(30) + "1" + "}".repeat(31),
        RejectReason.TOO_LARGE);
    addJson(
        cases,
        "json: oversized",
        METER,
        "m-1",
        "{\"a\":\"" + "x".repeat(2000) + "\"}",
        RejectReason.TOO_LARGE);
    cases.add(
        Arguments.of(
            "json: invalid UTF-8",
            METER,
            "m-1",
            concat(
                "{\"seq\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe},
                "\"}".getBytes(StandardCharsets.UTF_8)),
            DeviceState.INITIAL,
            RejectReason.MALFORMED));
    cases.add(
        Arguments.of(
            "json: replayed",
            METER,
            "m-1",
            good,
            new DeviceState(43, Map.of()),
            RejectReason.REPLAY));
    cases.add(
        Arguments.of(
            "json: import register backwards",
            METER,
            "m-1",
            good,
            new DeviceState(40, Map.of("energy_import", new BigDecimal("12400000"))),
            RejectReason.COUNTER_BACKWARDS));
    CanonicalReading skewed = meter(44, NOW + 600_000, "12345678", "2345678");
    cases.add(
        Arguments.of(
            "json: timestamp 10 min ahead",
            METER,
            "m-1",
            encode(METER, skewed, key.sign(skewed)),
            DeviceState.INITIAL,
            RejectReason.CLOCK_SKEW));

    String pv =
        "{\"seq\":9,\"ts\":1780000000,\"W\":1520.5,\"WH\":%s,\"St\":\"%s\",\"mac\":\"AAAA\"}";
    addJson(
        cases,
        "json: HMAC tag of the wrong length",
        PV,
        "pv-1",
        String.format(pv, "100", "mppt"),
        RejectReason.BAD_SIGNATURE);
    addJson(
        cases,
        "json: status not a SunSpec state",
        PV,
        "pv-1",
        String.format(pv, "100", "dancing"),
        RejectReason.OUT_OF_RANGE);
    addJson(
        cases,
        "json: accumulator above 32 bits",
        PV,
        "pv-1",
        String.format(pv, "4294967296", "mppt"),
        RejectReason.OUT_OF_RANGE);
    addJson(
        cases,
        "json: status as number",
        PV,
        "pv-1",
        String.format(pv, "100", "mppt").replace("\"mppt\"", "4"),
        RejectReason.WRONG_TYPE);
  }

  static CanonicalReading meter(long seq, long time, String importWh, String exportWh) {
    return new CanonicalReading(
        METER.id(),
        "m-1",
        seq,
        time,
        List.of(
            new Measurement("energy_import", "Wh", MeasurementValue.Decimal.parse(importWh)),
            new Measurement("energy_export", "Wh", MeasurementValue.Decimal.parse(exportWh))));
  }

  // ----------------------------------------------------------------- binary (LoRaWAN parking)

  static void binary(List<Arguments> cases) {
    // 01 | 0007 | 01 | 0c1c (3100 mV) | 15 (21 °C)
    byte[] good = hex("01" + "0007" + "01" + "0c1c" + "15");
    add(cases, "binary: truncated", LORA, "lw-1", Arrays.copyOf(good, 5), RejectReason.MALFORMED);
    add(cases, "binary: empty", LORA, "lw-1", new byte[0], RejectReason.MALFORMED);
    add(
        cases,
        "binary: trailing byte",
        LORA,
        "lw-1",
        concat(good, new byte[] {0}),
        RejectReason.MALFORMED);
    add(
        cases,
        "binary: format version 2",
        LORA,
        "lw-1",
        hex("02" + "0007" + "01" + "0c1c" + "15"),
        RejectReason.MALFORMED);
    add(
        cases,
        "binary: occupied byte 7",
        LORA,
        "lw-1",
        hex("01" + "0007" + "07" + "0c1c" + "15"),
        RejectReason.WRONG_TYPE);
    add(
        cases,
        "binary: battery 65.535 V",
        LORA,
        "lw-1",
        hex("01" + "0007" + "01" + "ffff" + "15"),
        RejectReason.OUT_OF_RANGE);
    add(
        cases,
        "binary: temperature -100 °C",
        LORA,
        "lw-1",
        hex("01" + "0007" + "01" + "0c1c" + "9c"),
        RejectReason.OUT_OF_RANGE);
    add(cases, "binary: oversized", LORA, "lw-1", new byte[100], RejectReason.TOO_LARGE);
    add(
        cases,
        "binary: replayed frame counter",
        LORA,
        "lw-1",
        good,
        new DeviceState(7, Map.of()),
        RejectReason.REPLAY);
    add(
        cases,
        "binary: frame counter half a range behind",
        LORA,
        "lw-1",
        good,
        new DeviceState(20000, Map.of()),
        RejectReason.REPLAY);
  }

  // ---------------------------------------------------------------------------------- helpers

  static void add(
      List<Arguments> cases,
      String name,
      DeviceProfile p,
      String device,
      byte[] payload,
      RejectReason want) {
    add(cases, name, p, device, payload, DeviceState.INITIAL, want);
  }

  static void add(
      List<Arguments> cases,
      String name,
      DeviceProfile p,
      String device,
      byte[] payload,
      DeviceState state,
      RejectReason want) {
    cases.add(Arguments.of(name, p, device, payload, state, want));
  }

  static void addJson(
      List<Arguments> cases,
      String name,
      DeviceProfile p,
      String device,
      String json,
      RejectReason want) {
    add(cases, name, p, device, json.getBytes(StandardCharsets.UTF_8), DeviceState.INITIAL, want);
  }

  static void addJson(
      List<Arguments> cases,
      String name,
      DeviceProfile p,
      String device,
      String json,
      DeviceState state,
      RejectReason want) {
    add(cases, name, p, device, json.getBytes(StandardCharsets.UTF_8), state, want);
  }

  static byte[] encode(DeviceProfile profile, CanonicalReading reading, byte[] signature) {
    return new ReadingValidator(profile)
        .codec()
        .encode(List.of(SignedReading.signed(reading, signature)));
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /**
   * A SenML CBOR pack, spelt out: {@code [{-2: bn, 0: name, 2: RAW}, {0: "seq", 2: 7}]} where RAW
   * is {@code rawValueHex}, e.g. {@code f97e00} (half-precision NaN).
   */
  static byte[] withRawValue(String bn, String name, String rawValueHex) {
    return hex(
        "82" // array(2)
            + "a3" // map(3)
            + "21"
            + cborText(bn) // -2 (bn): text
            + "00"
            + cborText(name) // 0 (n): text
            + "02"
            + rawValueHex // 2 (v): the raw value
            + "a2" // map(2)
            + "00"
            + cborText("seq") // n: "seq"
            + "0207"); // v: 7
  }

  static String cborText(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    String head =
        utf8.length < 24
            ? String.format("%02x", 0x60 + utf8.length)
            : String.format("78%02x", utf8.length);
    return head + HexFormat.of().formatHex(utf8);
  }

  /** A SenML CBOR pack with integer labels, values written in the order given. */
  static byte[] cbor(List<Map<Integer, Object>> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
      gen.writeStartArray();
      for (Map<Integer, Object> record : records) {
        gen.writeStartObject();
        for (Map.Entry<Integer, Object> entry :
            record.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
          gen.writeFieldId(entry.getKey());
          write(gen, entry.getValue());
        }
        gen.writeEndObject();
      }
      gen.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator gen, Object value) throws IOException {
    if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Long l) {
      gen.writeNumber(l);
    } else if (value instanceof Double d) {
      gen.writeNumber(d);
    } else {
      gen.writeBinary((byte[]) value);
    }
  }
}
