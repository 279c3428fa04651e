package org.citygate.proofs.eip712;

import java.math.BigInteger;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;

/**
 * A canonical Ethereum secp256k1 signature {@code (r, s, v)}.
 *
 * <p>Every instance is canonical, so each (digest, signer) pair has exactly one accepted encoding
 * per nonce and a third party cannot re-encode a signature into another valid one:
 *
 * <ul>
 *   <li>{@code r} and {@code s} are in {@code [1, n-1]};
 *   <li>{@code s <= n/2} ("low s", EIP-2), the other root {@code n - s} being refused rather than
 *       silently flipped;
 *   <li>{@code v} is 27 or 28, i.e. recovery id 0 or 1 plus 27. Recovery ids 2 and 3 (R's x
 *       coordinate at or above n, probability about 2<sup>-128</sup>) cannot be expressed, as in
 *       Ethereum.
 * </ul>
 *
 * <p>The byte form is the 65 bytes {@code r ‖ s ‖ v} that {@code ecrecover}-based contracts and
 * {@code eth_signTypedData} use.
 */
public record Signature(Bytes32 r, Bytes32 s, int v) {
  /** Length of {@link #toBytes()}. */
  public static final int LENGTH = 65;

  /**
   * Validates the components.
   *
   * @throws InvalidSignatureException naming the component that is out of range
   */
  public Signature {
    if (r == null || s == null) {
      throw new InvalidSignatureException("signature " + (r == null ? "r" : "s") + " is missing");
    }
    if (v != 27 && v != 28) {
      throw new InvalidSignatureException("signature v must be 27 or 28, got " + v);
    }
    checkScalar("r", new BigInteger(1, r.bytes()));
    BigInteger sValue = new BigInteger(1, s.bytes());
    checkScalar("s", sValue);
    if (sValue.compareTo(Secp256k1.HALF_N) > 0) {
      throw new InvalidSignatureException(
          "signature s is in the upper half of the curve order (high s, refused by EIP-2); the"
              + " canonical form uses n - s and flips v");
    }
  }

  /**
   * Parses 65 bytes {@code r ‖ s ‖ v}, accepting {@code v} as 27/28 or as the bare recovery id 0/1
   * (normalised to 27/28).
   *
   * @throws InvalidSignatureException when the length, {@code v}, {@code r} or {@code s} is wrong
   */
  public static Signature fromBytes(byte[] bytes) {
    if (bytes == null) {
      throw new InvalidSignatureException("signature is missing");
    }
    if (bytes.length != LENGTH) {
      throw new InvalidSignatureException(
          "wrong signature length " + bytes.length + " bytes, want " + LENGTH + " (r ‖ s ‖ v)");
    }
    byte[] r = new byte[32];
    byte[] s = new byte[32];
    System.arraycopy(bytes, 0, r, 0, 32);
    System.arraycopy(bytes, 32, s, 0, 32);
    int v = bytes[64] & 0xff;
    if (v == 0 || v == 1) {
      v += 27;
    } else if (v != 27 && v != 28) {
      throw new InvalidSignatureException("signature v must be 27, 28, 0 or 1, got " + v);
    }
    return new Signature(new Bytes32(r), new Bytes32(s), v);
  }

  /** Parses {@code 0x}-prefixed hex of 65 bytes; see {@link #fromBytes(byte[])}. */
  public static Signature fromHex(String hex) {
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new InvalidSignatureException("signature: " + e.getMessage());
    }
    return fromBytes(bytes);
  }

  /** The recovery id, {@code v - 27}: the parity of R's y coordinate. */
  public int recoveryId() {
    return v - 27;
  }

  /** The 65 bytes {@code r ‖ s ‖ v} with {@code v} as 27 or 28. */
  public byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    System.arraycopy(r.bytes(), 0, out, 0, 32);
    System.arraycopy(s.bytes(), 0, out, 32, 32);
    out[64] = (byte) v;
    return out;
  }

  /** {@code 0x}-prefixed lower-case hex of {@link #toBytes()}. */
  public String toHex() {
    return Hex.encode(toBytes());
  }

  @Override
  public String toString() {
    return toHex();
  }

  private static void checkScalar(String name, BigInteger value) {
    if (value.signum() == 0) {
      throw new InvalidSignatureException("signature " + name + " is zero");
    }
    if (value.compareTo(Secp256k1.N) >= 0) {
      throw new InvalidSignatureException(
          "signature " + name + " is not below the secp256k1 group order n");
    }
  }
}
