package org.citygate.profiles.codec;

import java.util.Optional;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * What a device sends: a canonical reading and, for signed profiles, its signature over the
 * reading's canonical bytes. The simulator hands these to {@link PayloadCodec#encode}.
 */
public record SignedReading(CanonicalReading reading, Optional<byte[]> signature) {
  /** Copies the signature. */
  public SignedReading {
    if (reading == null) {
      throw new IllegalArgumentException("reading is required");
    }
    signature = signature.map(byte[]::clone);
  }

  /** An unsigned reading. */
  public static SignedReading unsigned(CanonicalReading reading) {
    return new SignedReading(reading, Optional.empty());
  }

  /** A reading with its signature. */
  public static SignedReading signed(CanonicalReading reading, byte[] signature) {
    return new SignedReading(reading, Optional.of(signature));
  }

  /** A copy of the signature bytes, if any. */
  @Override
  public Optional<byte[]> signature() {
    return signature.map(byte[]::clone);
  }
}
