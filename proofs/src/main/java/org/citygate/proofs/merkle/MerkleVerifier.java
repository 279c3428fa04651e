package org.citygate.proofs.merkle;

import java.util.List;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.ProofException.Reason;

/**
 * Checks inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 specify.
 *
 * <p>The code follows the decomposition of transparency-dev/merkle's {@code proof} package, which
 * computes the same thing as the RFC's bit-shifting loops in closed form: the path from leaf {@code
 * index} in a tree of {@code size} leaves has {@code inner = bitLength(index ^ (size - 1))} hashes
 * below the point where the leaf's path and the tree's right border meet, combined left or right
 * according to the bits of {@code index}, followed by {@code border = bitCount(index >>> inner)}
 * hashes that are always left siblings.
 *
 * <p>Why this algorithm and not "hash the path until it runs out": the length of the path is fixed
 * by {@code (index, size)} and checked before anything is hashed, so a truncated or padded path is
 * rejected instead of yielding some interior node; and the left/right order of every step comes
 * from the claimed index, not from flags inside the proof, so a proof binds the leaf's position: it
 * cannot be replayed for another index. The tree size itself is bound by the root (an anchored
 * checkpoint commits to both), not by this check alone.
 *
 * <p>All methods are static, stateless and thread-safe. Failures throw {@link ProofException} with
 * a {@link Reason}.
 */
public final class MerkleVerifier {
  private MerkleVerifier() {}

  /**
   * The root implied by an inclusion proof (RFC 9162 §2.1.3.2), for the caller to compare.
   *
   * @param index zero-based leaf index, {@code 0 <= index < size}
   * @param size number of leaves in the tree
   * @param leafHash the leaf's hash ({@link MerkleHasher#hashLeaf}), not its data
   * @param path sibling hashes, bottom first
   * @throws ProofException {@code INDEX_OUT_OF_RANGE}, {@code WRONG_PROOF_SIZE} or {@code
   *     MALFORMED}
   */
  public static Bytes32 rootFromInclusionProof(
      long index, long size, Bytes32 leafHash, List<Bytes32> path) {
    if (index < 0 || index >= size) {
      throw new ProofException(
          Reason.INDEX_OUT_OF_RANGE, "leaf index " + index + " out of range for tree size " + size);
    }
    requirePresent(leafHash, "leaf hash");
    requirePresent(path, "proof path");
    int inner = innerProofSize(index, size);
    int border = Long.bitCount(index >>> inner);
    checkProofSize(path.size(), inner + border);
    byte[][] hashes = raw(path);
    byte[] result = chainInner(leafHash.bytes(), hashes, 0, inner, index);
    result = chainBorderRight(result, hashes, inner, hashes.length);
    return new Bytes32(result);
  }

  /**
   * Checks that {@code leafHash} is leaf {@code proof.leafIndex()} of the tree of {@code
   * proof.treeSize()} leaves whose root is {@code expectedRoot}.
   *
   * @throws ProofException {@code ROOT_MISMATCH}, {@code WRONG_PROOF_SIZE}, {@code
   *     INDEX_OUT_OF_RANGE} or {@code MALFORMED}
   */
  public static void verifyInclusion(InclusionProof proof, Bytes32 leafHash, Bytes32 expectedRoot) {
    requirePresent(proof, "inclusion proof");
    requirePresent(expectedRoot, "expected root");
    Bytes32 computed =
        rootFromInclusionProof(proof.leafIndex(), proof.treeSize(), leafHash, proof.path());
    if (!computed.equals(expectedRoot)) {
      throw new ProofException(
          Reason.ROOT_MISMATCH, "root mismatch: computed " + computed + ", want " + expectedRoot);
    }
  }

  /**
   * Checks that the tree with root {@code newRoot} and {@code proof.newSize()} leaves extends the
   * tree with root {@code oldRoot} and {@code proof.oldSize()} leaves (RFC 9162 §2.1.4.2).
   *
   * <p>The RFC's algorithm covers {@code 0 < oldSize < newSize}. The edge cases follow RFC 9162
   * §2.1.4.1 (the proof is empty): for equal sizes the roots must be equal; for {@code oldSize ==
   * 0} the old root must be the empty root {@code keccak256("")} and any new root is consistent.
   *
   * @throws ProofException {@code OLD_ROOT_MISMATCH}, {@code NEW_ROOT_MISMATCH}, {@code
   *     WRONG_PROOF_SIZE}, {@code SIZE_DECREASED} or {@code MALFORMED}
   */
  public static void verifyConsistency(ConsistencyProof proof, Bytes32 oldRoot, Bytes32 newRoot) {
    requirePresent(proof, "consistency proof");
    requirePresent(oldRoot, "old root");
    requirePresent(newRoot, "new root");
    long size1 = proof.oldSize();
    long size2 = proof.newSize();
    byte[][] hashes = raw(proof.path());
    if (size1 < 0) {
      throw new ProofException(Reason.MALFORMED, "negative old size " + size1);
    }
    if (size2 < size1) {
      throw new ProofException(
          Reason.SIZE_DECREASED, "new size " + size2 + " is smaller than old size " + size1);
    }
    if (size1 == 0 || size1 == size2) {
      checkProofSize(hashes.length, 0);
      if (size1 == 0) {
        requireMatch(Reason.OLD_ROOT_MISMATCH, "old root", MerkleHasher.emptyRoot(), oldRoot);
      }
      if (size1 == size2) {
        requireMatch(Reason.NEW_ROOT_MISMATCH, "new root", oldRoot, newRoot);
      }
      return;
    }

    // 0 < size1 < size2. The proof is, in effect, the upper part of the inclusion proof of leaf
    // size1 - 1 in the new tree, starting at the level of the largest complete subtree the old
    // tree ends with (2^shift leaves). That subtree's root is the seed: the old root itself when
    // the old tree is complete, else the first hash of the proof.
    int inner = innerProofSize(size1 - 1, size2);
    int border = Long.bitCount((size1 - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    inner -= shift; // shift < inner because size1 < size2
    boolean oldIsComplete = size1 == 1L << shift;
    int start = oldIsComplete ? 0 : 1;
    checkProofSize(hashes.length, start + inner + border);
    byte[] seed = oldIsComplete ? oldRoot.bytes() : hashes[0];
    long mask = (size1 - 1) >>> shift;

    byte[] hash1 = chainInnerRight(seed, hashes, start, start + inner, mask);
    hash1 = chainBorderRight(hash1, hashes, start + inner, hashes.length);
    requireMatch(Reason.OLD_ROOT_MISMATCH, "old root", new Bytes32(hash1), oldRoot);

    byte[] hash2 = chainInner(seed, hashes, start, start + inner, mask);
    hash2 = chainBorderRight(hash2, hashes, start + inner, hashes.length);
    requireMatch(Reason.NEW_ROOT_MISMATCH, "new root", new Bytes32(hash2), newRoot);
  }

  /** Bits of the leaf index below the level where its path meets the right border of the tree. */
  static int innerProofSize(long index, long size) {
    return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
  }

  /** Hashes {@code seed} with path[from, to), the side at each level given by the index's bits. */
  private static byte[] chainInner(byte[] seed, byte[][] path, int from, int to, long index) {
    byte[] result = seed;
    for (int i = from; i < to; i++) {
      result =
          ((index >>> (i - from)) & 1) == 0
              ? MerkleHasher.hashChildren(result, path[i])
              : MerkleHasher.hashChildren(path[i], result);
    }
    return result;
  }

  /** Like {@link #chainInner} but only the left siblings: rebuilds the old tree's root. */
  private static byte[] chainInnerRight(byte[] seed, byte[][] path, int from, int to, long index) {
    byte[] result = seed;
    for (int i = from; i < to; i++) {
      if (((index >>> (i - from)) & 1) == 1) {
        result = MerkleHasher.hashChildren(path[i], result);
      }
    }
    return result;
  }

  /** Along the right border every sibling is on the left. */
  private static byte[] chainBorderRight(byte[] seed, byte[][] path, int from, int to) {
    byte[] result = seed;
    for (int i = from; i < to; i++) {
      result = MerkleHasher.hashChildren(path[i], result);
    }
    return result;
  }

  private static void checkProofSize(int got, int want) {
    if (got != want) {
      throw new ProofException(
          Reason.WRONG_PROOF_SIZE, "wrong proof size " + got + ", want " + want);
    }
  }

  private static void requireMatch(Reason reason, String what, Bytes32 computed, Bytes32 want) {
    if (!computed.equals(want)) {
      throw new ProofException(reason, what + " mismatch: computed " + computed + ", want " + want);
    }
  }

  private static void requirePresent(Object value, String what) {
    if (value == null) {
      throw new ProofException(Reason.MALFORMED, what + " is missing");
    }
  }

  private static byte[][] raw(List<Bytes32> path) {
    requirePresent(path, "proof path");
    byte[][] out = new byte[path.size()][];
    int i = 0;
    for (Bytes32 hash : path) {
      requirePresent(hash, "proof path element " + i);
      out[i++] = hash.bytes();
    }
    return out;
  }

  /** Unmodifiable copy of a proof path, rejecting {@code null} as {@code MALFORMED}. */
  static List<Bytes32> copyPath(List<Bytes32> path) {
    requirePresent(path, "proof path");
    int i = 0;
    for (Bytes32 hash : path) {
      requirePresent(hash, "proof path element " + i++);
    }
    return List.copyOf(path);
  }
}
