package org.citygate.proofs.abi;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;

/**
 * Solidity {@code abi.encode} for tuples of static types, which is all Citygate's leaves, headers
 * and checkpoints use: every value is one 32-byte big-endian word, written in order.
 *
 * <ul>
 *   <li>{@code uintN}: the value, left-padded with zeros; values that do not fit {@code N} bits are
 *       refused, as Solidity would revert.
 *   <li>{@code address}: the 20 bytes, left-padded with 12 zero bytes.
 *   <li>{@code bytes32}: the 32 bytes as they are.
 * </ul>
 *
 * <p>Dynamic types ({@code bytes}, {@code string}, arrays) are deliberately not supported: the
 * formats avoid them so that an outside verifier needs no ABI library.
 */
public final class AbiWords {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  /** Starts an empty encoding. */
  public static AbiWords encode() {
    return new AbiWords();
  }

  /** Appends a {@code uint8}. */
  public AbiWords uint8(int value) {
    return uint(BigInteger.valueOf(value), 8);
  }

  /** Appends a {@code uint64}; the Java {@code long} is read as unsigned only if non-negative. */
  public AbiWords uint64(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("uint64 value must not be negative: " + value);
    }
    return uint(BigInteger.valueOf(value), 64);
  }

  /** Appends a {@code uint256}. */
  public AbiWords uint256(BigInteger value) {
    return uint(value, 256);
  }

  /** Appends an {@code address}. */
  public AbiWords address(Address value) {
    out.writeBytes(value.toWord());
    return this;
  }

  /** Appends a {@code bytes32}. */
  public AbiWords bytes32(Bytes32 value) {
    out.writeBytes(value.bytes());
    return this;
  }

  /** Appends a raw 32-byte word (already encoded, e.g. a type hash). */
  public AbiWords word(byte[] word) {
    if (word.length != 32) {
      throw new IllegalArgumentException("an ABI word is 32 bytes, got " + word.length);
    }
    out.writeBytes(word);
    return this;
  }

  /** The encoding so far. */
  public byte[] toBytes() {
    return out.toByteArray();
  }

  private AbiWords uint(BigInteger value, int bits) {
    if (value.signum() < 0 || value.bitLength() > bits) {
      throw new IllegalArgumentException("value " + value + " does not fit uint" + bits);
    }
    out.writeBytes(toWord(value));
    return this;
  }

  /** A non-negative integer below 2^256 as one big-endian 32-byte word. */
  public static byte[] toWord(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value " + value + " does not fit uint256");
    }
    byte[] raw = value.toByteArray();
    byte[] word = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, word, 32 - copy, copy);
    return word;
  }
}
