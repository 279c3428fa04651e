package org.citygate.profiles.codec;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One reading as a codec found it in a payload, keyed by profile field name, before validation.
 *
 * @param seq the device's sequence number as sent, if present
 * @param seqBits how many bits of the sequence number the wire carries (64 unless a binary layout
 *     sends a short, wrapping counter)
 * @param timeMillis the device's timestamp, if the payload carries one
 * @param values raw values by profile field name
 * @param signature the signature bytes, if the payload carries one
 */
public record RawReading(
    OptionalLong seq,
    int seqBits,
    OptionalLong timeMillis,
    Map<String, WireValue> values,
    Optional<byte[]> signature) {

  /** Copies the values and the signature. */
  public RawReading {
    values = Map.copyOf(values);
    signature = signature.map(byte[]::clone);
    if (seqBits < 1 || seqBits > 64) {
      throw new IllegalArgumentException("seqBits " + seqBits + " outside 1..64");
    }
  }

  /** A copy of the signature bytes, if any. */
  @Override
  public Optional<byte[]> signature() {
    return signature.map(byte[]::clone);
  }
}
