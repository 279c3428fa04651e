package org.citygate.proofs.batch;

import java.math.BigInteger;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.leaf.ReadingLeaf;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * A reading with the salt that hides it in its batch tree.
 *
 * @param reading the canonical reading
 * @param salt its salt (see {@code Salts})
 */
public record SaltedReading(CanonicalReading reading, Bytes32 salt) {
  /** Checks presence. */
  public SaltedReading {
    if (reading == null || salt == null) {
      throw new IllegalArgumentException("a salted reading needs a reading and a salt");
    }
  }

  /** The reading's leaf in a batch of {@code gateway} on chain {@code chainId}. */
  public ReadingLeaf leaf(BigInteger chainId, Address gateway) {
    return ReadingLeaf.of(chainId, gateway, reading, salt);
  }
}
