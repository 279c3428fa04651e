package org.citygate.proofs.hash;

import java.util.Arrays;

/**
 * An immutable 32-byte value: a hash, a salt, a root, an EVM word.
 *
 * <p>The array is copied on the way in and out, so a {@code Bytes32} can be shared freely. Hot
 * loops (tree building) work on raw arrays and wrap only their results.
 */
public record Bytes32(byte[] bytes) implements Comparable<Bytes32> {
  /** Thirty-two zero bytes. */
  public static final Bytes32 ZERO = new Bytes32(new byte[32]);

  /** Validates the length and takes a defensive copy. */
  public Bytes32 {
    if (bytes == null) {
      throw new IllegalArgumentException("32-byte value is missing");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException("wrong length " + bytes.length + " bytes, want 32");
    }
    bytes = bytes.clone();
  }

  /** Parses {@code 0x}-prefixed hex of exactly 32 bytes. */
  public static Bytes32 fromHex(String hex) {
    return new Bytes32(Hex.decode(hex, 32, "32-byte value"));
  }

  /** keccak-256 of {@code data}, as a value. */
  public static Bytes32 keccak(byte[] data) {
    return new Bytes32(Keccak256.hash(data));
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code 0x}-prefixed lower-case hex. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes32 that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Bytes32 other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
