package org.citygate.proofs.merkle;

import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * The RFC 6962 §2.1 tree hash with keccak-256 in place of SHA-256.
 *
 * <ul>
 *   <li>{@code MTH({}) = keccak256("")}
 *   <li>{@code leaf(d) = keccak256(0x00 ‖ d)}
 *   <li>{@code node(l, r) = keccak256(0x01 ‖ l ‖ r)}
 * </ul>
 *
 * <p>The one-byte prefixes separate the two domains: a leaf is never the hash of 64 bytes that
 * could be read as two child hashes, so an interior node cannot be passed off as a leaf (the
 * second-preimage attack on unprefixed trees). The same scheme is implemented on chain, so every
 * verifier agrees bit for bit.
 */
public final class MerkleHasher {
  /** Prefix of every leaf hash. */
  public static final byte LEAF_PREFIX = 0x00;

  /** Prefix of every interior-node hash. */
  public static final byte NODE_PREFIX = 0x01;

  private static final Bytes32 EMPTY_ROOT = Bytes32.keccak(new byte[0]);

  private MerkleHasher() {}

  /** The root of the empty tree, {@code keccak256("")} = {@code 0xc5d24601…a470}. */
  public static Bytes32 emptyRoot() {
    return EMPTY_ROOT;
  }

  /** {@code keccak256(0x00 ‖ leafData)}. */
  public static Bytes32 hashLeaf(byte[] leafData) {
    if (leafData == null) {
      throw new IllegalArgumentException("leaf data is missing");
    }
    return new Bytes32(Keccak256.hashPrefixed(LEAF_PREFIX, leafData));
  }

  /** {@code keccak256(0x01 ‖ left ‖ right)}. */
  public static Bytes32 hashChildren(Bytes32 left, Bytes32 right) {
    return new Bytes32(Keccak256.hashPrefixed(NODE_PREFIX, left.bytes(), right.bytes()));
  }

  /**
   * {@code keccak256(0x01 ‖ left ‖ right)} on raw 32-byte arrays, for loops that avoid wrapping
   * every intermediate hash. The arrays are read, never kept.
   *
   * @throws IllegalArgumentException if either array is not 32 bytes long
   */
  public static byte[] hashChildren(byte[] left, byte[] right) {
    if (left == null || left.length != Keccak256.LENGTH) {
      throw new IllegalArgumentException("left child must be 32 bytes");
    }
    if (right == null || right.length != Keccak256.LENGTH) {
      throw new IllegalArgumentException("right child must be 32 bytes");
    }
    return Keccak256.hashPrefixed(NODE_PREFIX, left, right);
  }
}
