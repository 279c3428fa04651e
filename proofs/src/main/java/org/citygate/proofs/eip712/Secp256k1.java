package org.citygate.proofs.eip712;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * Ethereum-style ECDSA on secp256k1 over 32-byte digests: signing, public-key recovery ({@code
 * ecrecover}) and address derivation.
 *
 * <p>Uses BouncyCastle's lightweight API directly (no JCE provider). Signing is deterministic (RFC
 * 6979 with HMAC-SHA256), so the same key and digest always give the same signature, and the result
 * is normalised to low s (EIP-2) with the recovery id worked out, as {@code eth_sign} tooling does.
 * The digest is signed as it is: no further hashing and no {@code "\x19Ethereum Signed Message"}
 * prefix (EIP-712 digests already carry their own {@code 0x19 0x01} prefix).
 */
public final class Secp256k1 {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");

  /** The curve and generator. */
  public static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());

  /** The group order n. */
  public static final BigInteger N = PARAMS.getN();

  /** {@code n / 2} (rounded down): the largest {@code s} a canonical signature may have. */
  public static final BigInteger HALF_N = N.shiftRight(1);

  static final ECPoint G = PARAMS.getG();
  private static final ECCurve CURVE = PARAMS.getCurve();
  private static final ECMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

  private Secp256k1() {}

  /**
   * Signs a 32-byte digest: RFC 6979 deterministic nonce, low s, {@code v} = 27 + recovery id.
   *
   * <p>The ECDSA steps are spelled out (rather than BouncyCastle's {@code ECDSASigner}) so that the
   * recovery id comes from the nonce point's y parity instead of trial recoveries, which made
   * signing about 2.4 times the cost of a recovery.
   *
   * @throws IllegalStateException in the (about 2<sup>-128</sup>) case where the signature needs
   *     recovery id 2 or 3, which Ethereum cannot express
   */
  public static Signature sign(Bytes32 digest, Secp256k1PrivateKey key) {
    byte[] message = digest.bytes();
    BigInteger d = key.scalar();
    // A 32-byte digest and a 256-bit order: e is the digest itself (SEC 1 §4.1.3 step 5).
    BigInteger e = new BigInteger(1, message);
    HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
    nonces.init(N, d, message);
    while (true) {
      BigInteger k = nonces.nextK();
      ECPoint bigR = BASE_MULTIPLIER.multiply(G, k).normalize();
      BigInteger x = bigR.getAffineXCoord().toBigInteger();
      BigInteger r = x.mod(N);
      if (r.signum() == 0) {
        continue;
      }
      BigInteger s = k.modInverse(N).multiply(e.add(d.multiply(r))).mod(N);
      if (s.signum() == 0) {
        continue;
      }
      if (x.compareTo(N) >= 0) {
        throw new IllegalStateException(
            "signature needs recovery id 2 or 3 (R.x >= n), which v = 27/28 cannot express");
      }
      // The recovery id is R.y's parity; low s (EIP-2) negates R, which flips it.
      int recoveryId = bigR.getAffineYCoord().testBitZero() ? 1 : 0;
      if (s.compareTo(HALF_N) > 0) {
        s = N.subtract(s);
        recoveryId ^= 1;
      }
      return new Signature(
          new Bytes32(AbiWords.toWord(r)), new Bytes32(AbiWords.toWord(s)), 27 + recoveryId);
    }
  }

  /**
   * The address whose key made {@code signature} over {@code digest} (SEC 1 v2 §4.1.6 public-key
   * recovery, what the EVM's {@code ecrecover} does).
   *
   * <p>Any canonical signature recovers to <em>some</em> address or to none; whether it is the
   * expected signer is the caller's comparison to make.
   *
   * @throws InvalidSignatureException when no public key recovers ({@code r} is not the x
   *     coordinate of a curve point, or the result is the point at infinity)
   */
  public static Address recover(Bytes32 digest, Signature signature) {
    ECPoint q =
        recoverPoint(
            digest.bytes(),
            new BigInteger(1, signature.r().bytes()),
            new BigInteger(1, signature.s().bytes()),
            signature.recoveryId());
    if (q == null) {
      throw new InvalidSignatureException(
          "no public key recovers from this signature and digest (r is not the x coordinate of a"
              + " curve point, or the recovered point is at infinity)");
    }
    return addressOf(q);
  }

  /**
   * The Ethereum address of a public key: the last 20 bytes of {@code keccak256(X ‖ Y)}, the two
   * 32-byte affine coordinates (the uncompressed encoding without its {@code 0x04} tag).
   */
  public static Address addressOf(ECPoint publicKey) {
    if (publicKey == null || publicKey.isInfinity()) {
      throw new IllegalArgumentException("a public key must be a finite curve point");
    }
    byte[] encoded = publicKey.normalize().getEncoded(false); // 0x04 ‖ X ‖ Y
    byte[] xy = new byte[64];
    System.arraycopy(encoded, 1, xy, 0, 64);
    byte[] hash = Keccak256.hash(xy);
    byte[] address = new byte[20];
    System.arraycopy(hash, 12, address, 0, 20);
    return new Address(address);
  }

  /**
   * SEC 1 §4.1.6 for recovery id 0 or 1 (so j = 0 and R.x = r): R is the point with x = r and y of
   * the recovery id's parity; Q = r⁻¹·(s·R − e·G). Null when R or Q does not exist.
   */
  private static ECPoint recoverPoint(byte[] digest, BigInteger r, BigInteger s, int recoveryId) {
    // r < n < p, so r is always a field element; it may still not be an x coordinate on the curve.
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (0x02 + (recoveryId & 1));
    System.arraycopy(AbiWords.toWord(r), 0, compressed, 1, 32);
    ECPoint bigR;
    try {
      bigR = CURVE.decodePoint(compressed);
    } catch (IllegalArgumentException e) {
      return null;
    }
    // secp256k1 has cofactor 1, so every finite point is in the order-n subgroup: no n·R check.
    BigInteger e = new BigInteger(1, digest).mod(N);
    BigInteger rInverse = r.modInverse(N);
    BigInteger u1 = N.subtract(e).multiply(rInverse).mod(N);
    BigInteger u2 = s.multiply(rInverse).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, u1, bigR, u2).normalize();
    return q.isInfinity() ? null : q;
  }
}
