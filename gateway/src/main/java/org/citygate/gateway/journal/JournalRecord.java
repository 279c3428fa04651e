package org.citygate.gateway.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * One thing to journal: a reading, a command, a batch manifest, as opaque bytes with the little
 * metadata the journal and its consumers need without decoding them.
 *
 * <p>The journal never looks inside {@code payload}. Salts are not stored: they are derived from
 * the subject's key and the reading id ({@code proofs}' {@code Salts}) when the batch is sealed.
 *
 * @param lane the priority lane
 * @param deviceId the device it came from or goes to (1 to {@value #MAX_ID_BYTES} UTF-8 bytes)
 * @param receivedAtMillis when the gateway received it, milliseconds since the Unix epoch
 * @param kind what the payload is, e.g. {@value #KIND_READING} (1 to {@value #MAX_KIND_BYTES} UTF-8
 *     bytes), so consumers can skip what they do not handle
 * @param payload the bytes, e.g. {@link CanonicalReading#toCanonicalBytes()}; at most {@value
 *     #MAX_PAYLOAD_BYTES} bytes, copied in and out
 */
public record JournalRecord(
    Lane lane, String deviceId, long receivedAtMillis, String kind, byte[] payload) {

  /** Longest device id, in UTF-8 bytes (the same limit as a canonical reading's). */
  public static final int MAX_ID_BYTES = CanonicalReading.MAX_ID_BYTES;

  /** Longest kind, in UTF-8 bytes. */
  public static final int MAX_KIND_BYTES = 64;

  /** Largest payload: 1 MiB, room for a batch manifest with its settlement readings. */
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;

  /** The kind of a payload that holds a reading's canonical bytes. */
  public static final String KIND_READING = "reading";

  /**
   * Bytes a record counts for against {@code journal.maxBytes} besides its payload, device id and
   * kind: an estimate of its row and index entries on disk.
   */
  static final int OVERHEAD_BYTES = 48;

  /** Validates and copies the payload. */
  public JournalRecord {
    if (lane == null) {
      throw new IllegalArgumentException("lane is missing");
    }
    checkText("deviceId", deviceId, MAX_ID_BYTES);
    checkText("kind", kind, MAX_KIND_BYTES);
    if (receivedAtMillis < 0) {
      throw new IllegalArgumentException("receivedAtMillis " + receivedAtMillis + " is negative");
    }
    if (payload == null) {
      throw new IllegalArgumentException("payload is missing");
    }
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "payload is " + payload.length + " bytes, at most " + MAX_PAYLOAD_BYTES);
    }
    payload = payload.clone();
  }

  /** A reading's canonical bytes, of kind {@value #KIND_READING}, from its own device. */
  public static JournalRecord ofReading(
      Lane lane, CanonicalReading reading, long receivedAtMillis) {
    return new JournalRecord(
        lane, reading.deviceId(), receivedAtMillis, KIND_READING, reading.toCanonicalBytes());
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The bytes this record counts for against {@code journal.maxBytes}. */
  public long size() {
    return payload.length + utf8Length(deviceId) + utf8Length(kind) + OVERHEAD_BYTES;
  }

  /** The payload itself, not a copy: for the journal's own writes. */
  byte[] payloadUnsafe() {
    return payload;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JournalRecord r
        && lane == r.lane
        && deviceId.equals(r.deviceId)
        && receivedAtMillis == r.receivedAtMillis
        && kind.equals(r.kind)
        && Arrays.equals(payload, r.payload);
  }

  @Override
  public int hashCode() {
    return ((lane.hashCode() * 31 + deviceId.hashCode()) * 31 + Long.hashCode(receivedAtMillis))
            * 31
        + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "JournalRecord["
        + lane
        + " "
        + deviceId
        + " "
        + kind
        + " at "
        + receivedAtMillis
        + ", "
        + payload.length
        + " bytes]";
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void checkText(String what, String value, int maxBytes) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    int length = utf8Length(value);
    if (length > maxBytes) {
      throw new IllegalArgumentException(what + " is " + length + " bytes, at most " + maxBytes);
    }
  }
}
