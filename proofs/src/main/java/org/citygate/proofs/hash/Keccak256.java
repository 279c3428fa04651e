package org.citygate.proofs.hash;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * keccak-256, the EVM's {@code keccak256}: the original Keccak padding, not FIPS-202 SHA3-256.
 *
 * <p>Never substitute the JDK's {@code MessageDigest.getInstance("SHA3-256")}: for the empty input
 * it gives {@code a7ffc6f8…434a} where keccak-256 gives {@code c5d24601…a470}. BouncyCastle's
 * lightweight {@link KeccakDigest} is used directly (no JCE provider lookup), one instance per
 * thread, which keeps the per-hash cost at the digest itself.
 */
public final class Keccak256 {
  /** Output length in bytes. */
  public static final int LENGTH = 32;

  private static final ThreadLocal<KeccakDigest> DIGEST =
      ThreadLocal.withInitial(() -> new KeccakDigest(256));

  private Keccak256() {}

  /** keccak-256 of {@code data}. */
  public static byte[] hash(byte[] data) {
    KeccakDigest digest = DIGEST.get();
    digest.update(data, 0, data.length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  /** keccak-256 of the concatenation of {@code parts}, without building the concatenation. */
  public static byte[] hash(byte[]... parts) {
    KeccakDigest digest = DIGEST.get();
    try {
      for (byte[] part : parts) {
        digest.update(part, 0, part.length);
      }
    } catch (RuntimeException e) {
      digest.reset(); // a half-fed digest must not leak into this thread's next hash
      throw e;
    }
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  /**
   * keccak-256 of {@code prefix ‖ data}: the shape of every Merkle leaf and node hash. Avoids an
   * array copy on the tree-building hot path.
   */
  public static byte[] hashPrefixed(byte prefix, byte[] data) {
    KeccakDigest digest = DIGEST.get();
    digest.update(prefix);
    digest.update(data, 0, data.length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  /** keccak-256 of {@code prefix ‖ left ‖ right}. */
  public static byte[] hashPrefixed(byte prefix, byte[] left, byte[] right) {
    KeccakDigest digest = DIGEST.get();
    digest.update(prefix);
    digest.update(left, 0, left.length);
    digest.update(right, 0, right.length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }
}
