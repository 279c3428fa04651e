package org.citygate.profiles.codec.senml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.codec.Reject;
import org.citygate.profiles.model.Limits;
import org.junit.jupiter.api.Test;

/** The examples of RFC 8428 §5.1 and §6 resolve to the values the RFC gives. */
class SenmlRfcExamplesTest {
  private static final SenmlReader JSON = SenmlReader.json(Limits.DEFAULT);
  private static final SenmlReader CBOR = SenmlReader.cbor(Limits.DEFAULT);

  private static List<SenmlRecord> json(String pack) throws IOException {
    return JSON.read(pack.getBytes(StandardCharsets.UTF_8));
  }

  private static SenmlRecord record(String name, String unit, String value, String time) {
    return new SenmlRecord(
        name,
        unit,
        Optional.of(new SenmlValue.Num(new BigDecimal(value))),
        Optional.empty(),
        new BigDecimal(time),
        Optional.empty());
  }

  /** §5.1.1 Single Datapoint. */
  @Test
  void singleDatapoint() throws IOException {
    List<SenmlRecord> records =
        json("[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"Cel\",\"v\":23.1}]");
    assertEquals(List.of(record("urn:dev:ow:10e2073a01080063", "Cel", "23.1", "0")), records);
    assertTrue(records.get(0).isRelativeTime(), "no time means 'now' (§4.5.3)");
  }

  /** §5.1.2 Multiple Datapoints: the base name prefixes every name. */
  @Test
  void multipleDatapoints() throws IOException {
    List<SenmlRecord> records =
        json(
            "[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},"
                + "{\"n\":\"current\",\"u\":\"A\",\"v\":1.2}]");
    assertEquals(
        List.of(
            record("urn:dev:ow:10e2073a01080063:voltage", "V", "120.1", "0"),
            record("urn:dev:ow:10e2073a01080063:current", "A", "1.2", "0")),
        records);
  }

  /** §5.1.3: base time, base unit, relative times, and bver 5 (older than 10, accepted). */
  @Test
  void baseTimeBaseUnitAndRelativeTimes() throws IOException {
    List<SenmlRecord> records =
        json(
            "[{\"bn\":\"urn:dev:ow:10e2073a0108006:\",\"bt\":1.276020076001e+09,"
                + "\"bu\":\"A\",\"bver\":5,\"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},"
                + "{\"n\":\"current\",\"t\":-5,\"v\":1.2},{\"n\":\"current\",\"t\":-4,\"v\":1.3},"
                + "{\"n\":\"current\",\"t\":-3,\"v\":1.4},{\"n\":\"current\",\"t\":-2,\"v\":1.5},"
                + "{\"n\":\"current\",\"t\":-1,\"v\":1.6},{\"n\":\"current\",\"v\":1.7}]");
    String current = "urn:dev:ow:10e2073a0108006:current";
    assertEquals(
        List.of(
            record("urn:dev:ow:10e2073a0108006:voltage", "V", "120.1", "1276020076.001"),
            record(current, "A", "1.2", "1276020071.001"),
            record(current, "A", "1.3", "1276020072.001"),
            record(current, "A", "1.4", "1276020073.001"),
            record(current, "A", "1.5", "1276020074.001"),
            record(current, "A", "1.6", "1276020075.001"),
            record(current, "A", "1.7", "1276020076.001")),
        records);
  }

  /** §5.1.4 Multiple Measurements resolve to the pack §5.1.4 itself gives as resolved. */
  @Test
  void multipleMeasurementsResolveAsTheRfcShows() throws IOException {
    String pack =
        "[{\"bn\":\"urn:dev:ow:10e2073a01080063\",\"bt\":1.320067464e+09,\"bu\":\"%RH\",\"v\":20},"
            + "{\"u\":\"lon\",\"v\":24.30621},{\"u\":\"lat\",\"v\":60.07965},"
            + "{\"t\":60,\"v\":20.3},{\"u\":\"lon\",\"t\":60,\"v\":24.30622},"
            + "{\"u\":\"lat\",\"t\":60,\"v\":60.07965},{\"t\":120,\"v\":20.7},"
            + "{\"u\":\"lon\",\"t\":120,\"v\":24.30623},{\"u\":\"lat\",\"t\":120,\"v\":60.07966},"
            + "{\"u\":\"%EL\",\"t\":150,\"v\":98},{\"t\":180,\"v\":21.2},"
            + "{\"u\":\"lon\",\"t\":180,\"v\":24.30628},{\"u\":\"lat\",\"t\":180,\"v\":60.07967}]";
    String n = "urn:dev:ow:10e2073a01080063";
    String resolved =
        "[{\"n\":\""
            + n
            + "\",\"u\":\"%RH\",\"t\":1.320067464e+09,\"v\":20},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"lon\",\"t\":1.320067464e+09,\"v\":24.30621},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"lat\",\"t\":1.320067464e+09,\"v\":60.07965},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"%RH\",\"t\":1.320067524e+09,\"v\":20.3},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"lon\",\"t\":1.320067524e+09,\"v\":24.30622},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"lat\",\"t\":1.320067524e+09,\"v\":60.07965},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"%RH\",\"t\":1.320067584e+09,\"v\":20.7},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"lon\",\"t\":1.320067584e+09,\"v\":24.30623},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"lat\",\"t\":1.320067584e+09,\"v\":60.07966},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"%EL\",\"t\":1.320067614e+09,\"v\":98},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"%RH\",\"t\":1.320067644e+09,\"v\":21.2},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"lon\",\"t\":1.320067644e+09,\"v\":24.30628},"
            + "{\"n\":\""
            + n
            + "\",\"u\":\"lat\",\"t\":1.320067644e+09,\"v\":60.07967}]";
    List<SenmlRecord> records = json(pack);
    assertEquals(13, records.size());
    assertEquals(json(resolved), records);
    assertEquals(record(n, "%EL", "98", "1320067614"), records.get(9));
  }

  /** §5.1.5 Multiple Data Types: string, boolean and base64url data values. */
  @Test
  void multipleDataTypes() throws IOException {
    List<SenmlRecord> records =
        json(
            "[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"temp\",\"u\":\"Cel\",\"v\":23.1},"
                + "{\"n\":\"label\",\"vs\":\"Machine Room\"},{\"n\":\"open\",\"vb\":false},"
                + "{\"n\":\"nfc-reader\",\"vd\":\"aGkgCg\"}]");
    assertEquals(new SenmlValue.Num(new BigDecimal("23.1")), records.get(0).value().get());
    assertEquals(new SenmlValue.Str("Machine Room"), records.get(1).value().get());
    assertEquals(new SenmlValue.Bool(false), records.get(2).value().get());
    assertArrayEquals(
        "hi \n".getBytes(StandardCharsets.US_ASCII),
        ((SenmlValue.Data) records.get(3).value().get()).value());
    assertEquals("urn:dev:ow:10e2073a01080063:nfc-reader", records.get(3).name());
  }

  /** §6: the CBOR representation of §5.1.2 uses integer labels and resolves the same. */
  @Test
  void cborWithIntegerLabels() throws IOException {
    byte[] cbor =
        HexFormat.of()
            .parseHex(
                "82" // array(2)
                    + "a4" // map(4)
                    + "21" // -2 = bn
                    + "781c" // text(28)
                    + HexFormat.of()
                        .formatHex(
                            "urn:dev:ow:10e2073a01080063:".getBytes(StandardCharsets.US_ASCII))
                    + "00" // 0 = n
                    + "67"
                    + HexFormat.of().formatHex("voltage".getBytes(StandardCharsets.US_ASCII))
                    + "01" // 1 = u
                    + "6156" // text(1) "V"
                    + "02" // 2 = v
                    + "fb405e066666666666" // double 120.1
                    + "a3" // map(3)
                    + "00" // n
                    + "67"
                    + HexFormat.of().formatHex("current".getBytes(StandardCharsets.US_ASCII))
                    + "01" // u
                    + "6141" // "A"
                    + "02" // v
                    + "fb3ff3333333333333"); // double 1.2
    assertEquals(
        json(
            "[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},"
                + "{\"n\":\"current\",\"u\":\"A\",\"v\":1.2}]"),
        CBOR.read(cbor));
  }

  /** Base value and base sum are added (§4.1), and a record may carry only a sum. */
  @Test
  void baseValueAndBaseSum() throws IOException {
    List<SenmlRecord> records =
        json("[{\"bn\":\"m:\",\"bv\":1000,\"bs\":50,\"n\":\"a\",\"v\":1.5},{\"n\":\"e\",\"s\":2}]");
    assertEquals(new SenmlValue.Num(new BigDecimal("1001.5")), records.get(0).value().get());
    assertEquals(Optional.of(new BigDecimal("52")), records.get(1).sum());
  }

  /** Unknown labels are skipped (§4.4), whatever their value, and resolve as if absent. */
  @Test
  void unknownLabelsAreSkipped() throws IOException {
    assertEquals(
        json("[{\"bn\":\"d:\",\"n\":\"a\",\"v\":1},{\"n\":\"b\",\"vb\":true}]"),
        json(
            "[{\"bn\":\"d:\",\"x\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"n\":\"a\",\"v\":1},"
                + "{\"y\":[],\"n\":\"b\",\"z\":{},\"vb\":true,\"w\":2.5}]"));
  }

  /**
   * A key twice in one map is malformed: a known label, an unknown one, or inside a skipped value.
   */
  @Test
  void duplicateKeysAreMalformed() {
    for (String pack :
        List.of(
            "[{\"n\":\"a\",\"v\":1,\"v\":2}]",
            "[{\"n\":\"a\",\"v\":1,\"n\":\"b\"}]",
            "[{\"n\":\"a\",\"x\":1,\"v\":1,\"x\":1}]",
            "[{\"n\":\"a\",\"v\":1,\"x\":{\"p\":1,\"q\":{\"r\":1,\"r\":2}}}]",
            "[{\"n\":\"a\",\"v\":1,\"x\":[{\"p\":1},{\"p\":1,\"p\":1}]}]")) {
      assertMalformed(() -> json(pack), pack);
    }
    // CBOR: integer label 2 (v) twice; unknown integer label 9 twice
    assertMalformed(() -> CBOR.read(HexFormat.of().parseHex("81a3006161020102")), "v twice");
    assertMalformed(() -> CBOR.read(HexFormat.of().parseHex("81a40061610201090009f4")), "9 twice");
  }

  /** A bad character is reported at its index in the resolved name (base name + name). */
  @Test
  void badNameCharacterIsLocatedInTheResolvedName() {
    Reject inName =
        assertThrows(
            Reject.class,
            () -> json("[{\"bn\":\"dev:\",\"n\":\"a\",\"v\":1},{\"n\":\"b c\",\"v\":2}]"));
    assertEquals(
        "record 1 name has character ' ' at 5; want [A-Za-z0-9][-:./_A-Za-z0-9]* (RFC 8428 §4.5.1)",
        inName.rejection().message());
    Reject inBase =
        assertThrows(Reject.class, () -> json("[{\"bn\":\"de v:\",\"n\":\"a\",\"v\":1}]"));
    assertTrue(inBase.rejection().message().startsWith("record 0 name has character ' ' at 2;"));
    Reject first =
        assertThrows(Reject.class, () -> json("[{\"bn\":\":dev\",\"n\":\"a\",\"v\":1}]"));
    assertTrue(first.rejection().message().contains("':' at 0"), first.rejection().message());
    Reject firstOfName = assertThrows(Reject.class, () -> json("[{\"n\":\"/a\",\"v\":1}]"));
    assertTrue(firstOfName.rejection().message().contains("'/' at 0"));
    assertEquals(
        List.of(record("d:/a", "", "1", "0")),
        assertDoesNotThrow(() -> json("[{\"bn\":\"d:\",\"n\":\"/a\",\"v\":1}]")));
  }

  private static void assertMalformed(org.junit.jupiter.api.function.Executable read, String what) {
    Reject reject = assertThrows(Reject.class, read, what);
    assertEquals(RejectReason.MALFORMED, reject.rejection().reason(), what);
  }

  /** The writer's CBOR reads back as what it wrote. */
  @Test
  void writerAndReaderAgree() throws IOException {
    List<SenmlEntry> entries =
        List.of(
            SenmlEntry.of("temp", new SenmlValue.Num(new BigDecimal("23.1")))
                .withUnit("Cel")
                .withBase(Optional.of("dev:"), Optional.of(new BigDecimal("1700000000.5"))),
            SenmlEntry.of("open", new SenmlValue.Bool(true)).withTime(new BigDecimal("-2")));
    checkWriter(SenmlWriter.json(), JSON, entries);
    checkWriter(SenmlWriter.cbor(), CBOR, entries);
  }

  private static void checkWriter(SenmlWriter writer, SenmlReader reader, List<SenmlEntry> entries)
      throws IOException {
    List<SenmlRecord> records = reader.read(writer.write(entries));
    assertEquals(record("dev:temp", "Cel", "23.1", "1700000000.5"), records.get(0));
    assertEquals("dev:open", records.get(1).name());
    assertEquals(0, records.get(1).time().compareTo(new BigDecimal("1699999998.5")));
  }
}
