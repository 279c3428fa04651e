package org.citygate.proofs.reading;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * A reading in the one form that every Citygate component agrees on: which device (by its profile
 * and id), its sequence number, when, and the measured values.
 *
 * <p>The gateway builds it from a decoded payload, the anchor-service and the settlement engine
 * read it back from proof bundles, and the verifier hashes its {@linkplain #toCanonicalBytes()
 * canonical bytes} into the reading leaf's {@code payloadHash}. Measurements are kept sorted by
 * name (unsigned UTF-8 byte order), so two readings with the same values are equal and encode to
 * the same bytes whatever order a device sent them in.
 *
 * @param profileId the firmware profile's model id, e.g. {@code "citygate/smart-meter-obis@1"}
 * @param deviceId the device's identifier text, unique in the city
 * @param deviceSeq the device's own sequence number (monotonic per device)
 * @param timestampMillis when the device measured, milliseconds since the Unix epoch (UTC)
 * @param measurements one or more values, unique by name
 */
public record CanonicalReading(
    String profileId,
    String deviceId,
    long deviceSeq,
    long timestampMillis,
    List<Measurement> measurements) {

  /** Version byte that starts the canonical bytes. */
  public static final int FORMAT_VERSION = 0x01;

  /** Most measurements one reading may carry. */
  public static final int MAX_MEASUREMENTS = 256;

  /**
   * Largest {@code deviceSeq} and {@code timestampMillis}: 2^53 − 1, so that every JSON parser
   * (proof bundles, APIs) reads them exactly. Timestamps reach the year 287,396.
   */
  public static final long MAX_INTEGER = (1L << 53) - 1;

  /** Longest profile or device identifier, in UTF-8 bytes. */
  public static final int MAX_ID_BYTES = 128;

  private static final Comparator<Measurement> BY_NAME_BYTES =
      (a, b) -> Arrays.compareUnsigned(a.nameBytes(), b.nameBytes());

  /** Validates, sorts the measurements by name and rejects duplicate names. */
  public CanonicalReading {
    checkId("profileId", profileId);
    checkId("deviceId", deviceId);
    if (deviceSeq < 0 || deviceSeq > MAX_INTEGER) {
      throw new IllegalArgumentException("deviceSeq " + deviceSeq + " outside 0..2^53-1");
    }
    if (timestampMillis < 0 || timestampMillis > MAX_INTEGER) {
      throw new IllegalArgumentException(
          "timestampMillis " + timestampMillis + " outside 0..2^53-1");
    }
    if (measurements == null || measurements.isEmpty()) {
      throw new IllegalArgumentException("a reading needs at least one measurement");
    }
    if (measurements.size() > MAX_MEASUREMENTS) {
      throw new IllegalArgumentException(
          "a reading has " + measurements.size() + " measurements, at most " + MAX_MEASUREMENTS);
    }
    measurements = measurements.stream().sorted(BY_NAME_BYTES).toList();
    for (int i = 1; i < measurements.size(); i++) {
      if (measurements.get(i).name().equals(measurements.get(i - 1).name())) {
        throw new IllegalArgumentException(
            "measurement '" + measurements.get(i).name() + "' appears twice");
      }
    }
  }

  /** The canonical bytes, as specified in {@code docs/proof-format.md}. */
  public byte[] toCanonicalBytes() {
    return CanonicalReadingCodec.encode(this);
  }

  /**
   * Parses canonical bytes, refusing anything that is not in canonical form (unsorted names,
   * trailing bytes, non-normalised decimals), so that one reading has exactly one encoding.
   */
  public static CanonicalReading fromCanonicalBytes(byte[] bytes) {
    return CanonicalReadingCodec.decode(bytes);
  }

  /** {@code keccak256(canonical bytes)}: the reading leaf's {@code payloadHash}. */
  public Bytes32 payloadHash() {
    return new Bytes32(Keccak256.hash(toCanonicalBytes()));
  }

  /** {@code keccak256(UTF-8 deviceId)}: the reading leaf's {@code deviceId} word. */
  public Bytes32 deviceIdHash() {
    return deviceIdHash(deviceId);
  }

  /** {@code keccak256(UTF-8 deviceId)} for any device id. */
  public static Bytes32 deviceIdHash(String deviceId) {
    return new Bytes32(Keccak256.hash(deviceId.getBytes(StandardCharsets.UTF_8)));
  }

  /** The measurement called {@code name}, if the reading has one. */
  public java.util.Optional<Measurement> measurement(String name) {
    return measurements.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  private static void checkId(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    int length = Utf8.encode(what, value).length;
    if (length > MAX_ID_BYTES) {
      throw new IllegalArgumentException(
          what + " is " + length + " bytes, at most " + MAX_ID_BYTES);
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " contains a control character at " + i);
      }
    }
  }
}
