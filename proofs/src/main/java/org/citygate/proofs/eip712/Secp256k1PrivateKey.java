package org.citygate.proofs.eip712;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Hex;

/**
 * A secp256k1 private key: a scalar {@code d} in {@code [1, n-1]}.
 *
 * <p>The key never appears in {@link #toString()} or in exception messages (parse errors say what
 * was wrong without echoing the text). The public key and address are derived once, on first use,
 * and cached.
 */
public final class Secp256k1PrivateKey {
  private final BigInteger scalar;
  private volatile ECPoint publicKey;
  private volatile Address address;

  private Secp256k1PrivateKey(BigInteger scalar) {
    this.scalar = scalar;
  }

  /**
   * A key from its scalar.
   *
   * @throws IllegalArgumentException when {@code d} is not in {@code [1, n-1]}
   */
  public static Secp256k1PrivateKey of(BigInteger d) {
    if (d == null) {
      throw new IllegalArgumentException("private key is missing");
    }
    if (d.signum() <= 0 || d.compareTo(Secp256k1.N) >= 0) {
      throw new IllegalArgumentException(
          "private key out of range: it must be in [1, n-1] for secp256k1");
    }
    return new Secp256k1PrivateKey(d);
  }

  /**
   * Parses a {@code 0x}-prefixed 32-byte hex key (either case).
   *
   * @throws IllegalArgumentException when the text is not 32 bytes of hex or the scalar is out of
   *     range; the message never contains the text
   */
  public static Secp256k1PrivateKey fromHex(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("private key is missing");
    }
    if (!hex.startsWith("0x") && !hex.startsWith("0X")) {
      throw new IllegalArgumentException("private key must be 0x-prefixed hex");
    }
    if (hex.length() != 66) {
      throw new IllegalArgumentException(
          "private key must be 64 hex digits (32 bytes), got " + (hex.length() - 2) + " digits");
    }
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      // Deliberately no cause: the cause's message would quote part of the key.
      throw new IllegalArgumentException("private key contains a character that is not hex");
    }
    return of(new BigInteger(1, bytes));
  }

  /** A fresh random key drawn uniformly from {@code [1, n-1]}. */
  public static Secp256k1PrivateKey generate(SecureRandom random) {
    return new Secp256k1PrivateKey(
        BigIntegers.createRandomInRange(
            BigInteger.ONE, Secp256k1.N.subtract(BigInteger.ONE), random));
  }

  /** The public key {@code d·G}, normalised (affine coordinates). */
  public ECPoint publicKey() {
    ECPoint point = publicKey;
    if (point == null) {
      point = Secp256k1.G.multiply(scalar).normalize();
      publicKey = point;
    }
    return point;
  }

  /** The Ethereum address of this key: see {@link Secp256k1#addressOf(ECPoint)}. */
  public Address address() {
    Address result = address;
    if (result == null) {
      result = Secp256k1.addressOf(publicKey());
      address = result;
    }
    return result;
  }

  /** The scalar, for signing in this package only. */
  BigInteger scalar() {
    return scalar;
  }

  /** Constant-time comparison of the scalars. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secp256k1PrivateKey that
        && MessageDigest.isEqual(AbiWords.toWord(scalar), AbiWords.toWord(that.scalar));
  }

  /** Derived from the address, not the key. */
  @Override
  public int hashCode() {
    return address().hashCode();
  }

  /** Names the address only; the key itself is never printed. */
  @Override
  public String toString() {
    return "Secp256k1PrivateKey[address=" + address() + "]";
  }
}
