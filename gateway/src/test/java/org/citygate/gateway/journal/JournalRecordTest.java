package org.citygate.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.api.Test;

class JournalRecordTest {

  @Test
  void lanesMapOneToOneOntoTheProfilesPriorities() {
    assertEquals(Lane.FAULT, Lane.fromName("fault"));
    assertEquals(Lane.COMMAND, Lane.fromName("command"));
    assertEquals(Lane.TELEMETRY, Lane.fromName("telemetry"));
    assertEquals(List.of(Lane.FAULT, Lane.COMMAND, Lane.TELEMETRY), List.of(Lane.values()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Lane.fromName("bulk"));
    assertEquals("unknown lane 'bulk', want fault, command or telemetry", e.getMessage());
    for (Lane lane : Lane.values()) {
      assertEquals(lane, Lane.fromCode(lane.code()));
    }
  }

  @Test
  void payloadIsCopiedInAndOut() {
    byte[] payload = {1, 2, 3};
    JournalRecord r = new JournalRecord(Lane.TELEMETRY, "dev", 5, "k", payload);
    payload[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, r.payload());
    r.payload()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, r.payload());
  }

  @Test
  void equalityIsByValue() {
    JournalRecord a = new JournalRecord(Lane.TELEMETRY, "dev", 5, "k", new byte[] {1});
    assertEquals(a, new JournalRecord(Lane.TELEMETRY, "dev", 5, "k", new byte[] {1}));
    assertEquals(
        a.hashCode(), new JournalRecord(Lane.TELEMETRY, "dev", 5, "k", new byte[] {1}).hashCode());
    assertNotEquals(a, new JournalRecord(Lane.TELEMETRY, "dev", 5, "k", new byte[] {2}));
    assertNotEquals(a, new JournalRecord(Lane.FAULT, "dev", 5, "k", new byte[] {1}));
  }

  @Test
  void sizeCountsPayloadIdsAndOverhead() {
    JournalRecord r = new JournalRecord(Lane.TELEMETRY, "dév", 5, "kind", new byte[100]);
    assertEquals(100 + 4 + 4 + JournalRecord.OVERHEAD_BYTES, r.size());
  }

  @Test
  void badRecordsAreRefusedWithTheirReason() {
    assertMessage("lane is missing", () -> new JournalRecord(null, "d", 0, "k", new byte[0]));
    assertMessage(
        "deviceId is missing", () -> new JournalRecord(Lane.FAULT, "", 0, "k", new byte[0]));
    assertMessage(
        "kind is missing", () -> new JournalRecord(Lane.FAULT, "d", 0, null, new byte[0]));
    assertMessage(
        "deviceId is 129 bytes, at most 128",
        () -> new JournalRecord(Lane.FAULT, "d".repeat(129), 0, "k", new byte[0]));
    assertMessage(
        "receivedAtMillis -1 is negative",
        () -> new JournalRecord(Lane.FAULT, "d", -1, "k", new byte[0]));
    assertMessage(
        "payload is 1048577 bytes, at most 1048576",
        () -> new JournalRecord(Lane.FAULT, "d", 0, "k", new byte[(1 << 20) + 1]));
  }

  @Test
  void aReadingIsJournaledAsItsCanonicalBytes() {
    CanonicalReading reading =
        new CanonicalReading(
            "citygate/parking-bay@1",
            "bay-17",
            42,
            1_700_000_000_000L,
            List.of(new Measurement("occupied", "", new MeasurementValue.Flag(true))));
    JournalRecord r = JournalRecord.ofReading(Lane.TELEMETRY, reading, 1_700_000_000_500L);
    assertEquals("bay-17", r.deviceId());
    assertEquals(JournalRecord.KIND_READING, r.kind());
    assertEquals(1_700_000_000_500L, r.receivedAtMillis());
    assertEquals(reading, CanonicalReading.fromCanonicalBytes(r.payload()));
  }

  @Test
  void cursorsMoveLaneByLane() {
    Cursor c = Cursor.START.with(Lane.COMMAND, 7).with(Lane.TELEMETRY, 3);
    assertEquals(new Cursor(0, 7, 3), c);
    assertEquals(7, c.get(Lane.COMMAND));
    assertEquals(new Cursor(2, 7, 5), c.max(new Cursor(2, 1, 5)));
    assertEquals(7, c.highest());
    assertThrows(IllegalArgumentException.class, () -> new Cursor(-1, 0, 0));
  }

  private static void assertMessage(String want, Runnable r) {
    assertEquals(want, assertThrows(IllegalArgumentException.class, r::run).getMessage());
  }
}
