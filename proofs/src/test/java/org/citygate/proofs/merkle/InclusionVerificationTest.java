package org.citygate.proofs.merkle;

import static org.citygate.proofs.merkle.TestData.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.ProofException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Inclusion proofs of sizes 1..64: all verify, and every mutation is rejected for its reason. */
class InclusionVerificationTest {
  static List<Integer> sizes() {
    List<Integer> sizes = new ArrayList<>();
    for (int n = 1; n <= 64; n++) {
      sizes.add(n);
    }
    return sizes;
  }

  /** Verifies with the library, asserting that the literal RFC 9162 loop agrees. */
  private static Reason verify(
      long index, long size, Bytes32 leaf, List<Bytes32> path, Bytes32 root) {
    Reason reason =
        rejection(
            () ->
                MerkleVerifier.verifyInclusion(new InclusionProof(index, size, path), leaf, root));
    assertEquals(
        reason == null,
        NaiveMerkle.rfcVerifyInclusion(index, size, leaf, path, root),
        "library and RFC 9162 loop disagree on index " + index + ", size " + size);
    return reason;
  }

  /** The (inner, border) split of RFC 9162, computed independently of the library. */
  private static long shape(long index, long size) {
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    int border = Long.bitCount(index >>> inner);
    return ((long) inner << 32) | border;
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void everyProofVerifies(int n) {
    MerkleTree tree = MerkleTree.fromLeafData(TestData.leaves(n));
    Bytes32 root = tree.root();
    for (int i = 0; i < n; i++) {
      InclusionProof proof = tree.inclusionProof(i);
      Bytes32 leaf = tree.leafHash(i);
      assertEquals(root, MerkleVerifier.rootFromInclusionProof(i, n, leaf, proof.path()));
      assertNull(verify(i, n, leaf, proof.path(), root));
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void mutationsAreRejected(int n) {
    List<byte[]> data = TestData.leaves(n + 1);
    MerkleTree tree = MerkleTree.fromLeafData(data.subList(0, n));
    Bytes32 root = tree.root();
    Bytes32 otherRoot = MerkleTree.fromLeafData(data).root();
    Bytes32 otherLeaf = MerkleHasher.hashLeaf(data.get(n));
    int equivalentSizes = 0;
    for (int i = 0; i < n; i++) {
      List<Bytes32> path = tree.inclusionProof(i).path();
      Bytes32 leaf = tree.leafHash(i);

      // wrong index: the index's bits choose the side at every level, so it is always rejected
      for (int j : new int[] {i - 1, i + 1}) {
        Reason reason = verify(j, n, leaf, path, root);
        if (j < 0 || j >= n) {
          assertEquals(Reason.INDEX_OUT_OF_RANGE, reason);
        } else {
          assertTrue(
              reason == Reason.ROOT_MISMATCH || reason == Reason.WRONG_PROOF_SIZE,
              "index " + j + " for leaf " + i + " of " + n + ": " + reason);
        }
      }

      // wrong size: rejected unless (index, size') has exactly the same (inner, border) shape as
      // (index, size). Then the verifier performs the very same hash steps and must accept: the
      // path alone does not fix the size, the root does (a checkpoint commits to root and size,
      // which is why the bundle verifier takes the size from the checkpoint, not from the proof).
      for (int s : new int[] {n - 1, n + 1}) {
        Reason reason = verify(i, s, leaf, path, root);
        if (i >= s) {
          assertEquals(Reason.INDEX_OUT_OF_RANGE, reason);
        } else if (shape(i, s) == shape(i, n)) {
          assertNull(reason, "equivalent shape must be accepted");
          equivalentSizes++;
        } else {
          assertTrue(
              reason == Reason.ROOT_MISMATCH || reason == Reason.WRONG_PROOF_SIZE,
              "size " + s + " for leaf " + i + " of " + n + ": " + reason);
        }
      }

      // truncated and extended paths
      if (!path.isEmpty()) {
        assertEquals(
            Reason.WRONG_PROOF_SIZE, verify(i, n, leaf, path.subList(0, path.size() - 1), root));
        assertEquals(
            Reason.WRONG_PROOF_SIZE, verify(i, n, leaf, path.subList(1, path.size()), root));
      }
      List<Bytes32> extended = new ArrayList<>(path);
      extended.add(otherLeaf);
      assertEquals(Reason.WRONG_PROOF_SIZE, verify(i, n, leaf, extended, root));
      extended.add(0, extended.remove(extended.size() - 1));
      assertEquals(Reason.WRONG_PROOF_SIZE, verify(i, n, leaf, extended, root));

      // another root, another leaf
      assertEquals(Reason.ROOT_MISMATCH, verify(i, n, leaf, path, otherRoot));
      assertEquals(Reason.ROOT_MISMATCH, verify(i, n, otherLeaf, path, root));
      assertEquals(
          Reason.ROOT_MISMATCH, verify(i, n, MerkleHasher.hashLeaf(new byte[0]), path, root));
    }
    if (n == 3) {
      // the smallest example: leaf 0 of 3 and "leaf 0 of 4" both have inner = 2, border = 0
      assertTrue(equivalentSizes > 0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 7, 8, 12, 16, 17, 31, 33, 64})
  void everyFlippedBitIsRejected(int n) {
    MerkleTree tree = MerkleTree.fromLeafData(TestData.leaves(n));
    Bytes32 root = tree.root();
    // every index of the small sizes; for larger ones the ends, the middle and their neighbours
    SortedSet<Integer> indices = new TreeSet<>();
    for (int i : n <= 8 ? IntStream.range(0, n).toArray() : new int[] {0, 1, n / 2, n - 2, n - 1}) {
      indices.add(i);
    }
    for (int i : indices) {
      List<Bytes32> path = tree.inclusionProof(i).path();
      Bytes32 leaf = tree.leafHash(i);
      for (int e = 0; e < path.size(); e++) {
        for (int bit = 0; bit < 256; bit++) {
          final int b = bit;
          InclusionProof mutated =
              new InclusionProof(i, n, TestData.replace(path, e, h -> TestData.flip(h, b)));
          Reason reason = rejection(() -> MerkleVerifier.verifyInclusion(mutated, leaf, root));
          assertEquals(Reason.ROOT_MISMATCH, reason);
        }
      }
      for (int bit = 0; bit < 256; bit += 7) {
        Bytes32 flippedLeaf = TestData.flip(leaf, bit);
        Bytes32 flippedRoot = TestData.flip(root, bit);
        InclusionProof proof = new InclusionProof(i, n, path);
        assertEquals(
            Reason.ROOT_MISMATCH,
            rejection(() -> MerkleVerifier.verifyInclusion(proof, flippedLeaf, root)));
        assertEquals(
            Reason.ROOT_MISMATCH,
            rejection(() -> MerkleVerifier.verifyInclusion(proof, leaf, flippedRoot)));
      }
    }
  }

  @Test
  void equivalentSizeExample() {
    // Leaf 0 of [0, 1, 2] has the path [L1, L2]; read as "leaf 0 of 4" the verifier takes L2 for
    // the right subtree root and rebuilds the same 3-leaf root. Size 4 is not what the root
    // commits to, so this is harmless where the size comes with the root (a checkpoint).
    MerkleTree three = MerkleTree.fromLeafData(TestData.leaves(3));
    List<Bytes32> path = three.inclusionProof(0).path();
    assertEquals(
        three.root(), MerkleVerifier.rootFromInclusionProof(0, 4, three.leafHash(0), path));
    assertFalse(
        MerkleTree.fromLeafData(TestData.leaves(4)).root().equals(three.root()),
        "a real 4-leaf tree has another root");
  }

  @Test
  void messagesSayGotAndWant() {
    MerkleTree tree = MerkleTree.fromLeafData(TestData.leaves(10));
    InclusionProof proof = tree.inclusionProof(3);
    List<Bytes32> longer = new ArrayList<>(proof.path());
    longer.add(Bytes32.ZERO);
    ProofException e =
        assertThrows(
            ProofException.class,
            () -> MerkleVerifier.rootFromInclusionProof(3, 10, tree.leafHash(3), longer));
    assertEquals("wrong proof size 5, want 4", e.getMessage());
    e =
        assertThrows(
            ProofException.class,
            () -> MerkleVerifier.verifyInclusion(proof, tree.leafHash(3), Bytes32.ZERO));
    assertEquals(
        "root mismatch: computed " + tree.root() + ", want " + Bytes32.ZERO, e.getMessage());
    e =
        assertThrows(
            ProofException.class,
            () -> MerkleVerifier.rootFromInclusionProof(10, 10, tree.leafHash(3), List.of()));
    assertEquals(Reason.INDEX_OUT_OF_RANGE, e.reason());
    assertEquals("leaf index 10 out of range for tree size 10", e.getMessage());
  }

  @Test
  void recordIsValidatedAndCopied() {
    assertEquals(Reason.INDEX_OUT_OF_RANGE, rejection(() -> new InclusionProof(-1, 5, List.of())));
    assertEquals(Reason.INDEX_OUT_OF_RANGE, rejection(() -> new InclusionProof(5, 5, List.of())));
    assertEquals(Reason.INDEX_OUT_OF_RANGE, rejection(() -> new InclusionProof(0, 0, List.of())));
    assertEquals(Reason.MALFORMED, rejection(() -> new InclusionProof(0, 1, null)));
    List<Bytes32> withNull = new ArrayList<>();
    withNull.add(null);
    assertEquals(Reason.MALFORMED, rejection(() -> new InclusionProof(0, 2, withNull)));
    List<Bytes32> path = new ArrayList<>(List.of(Bytes32.ZERO));
    InclusionProof proof = new InclusionProof(0, 2, path);
    path.clear();
    assertEquals(List.of(Bytes32.ZERO), proof.path());
    assertThrows(UnsupportedOperationException.class, () -> proof.path().clear());
    assertEquals(
        Reason.MALFORMED,
        rejection(() -> MerkleVerifier.rootFromInclusionProof(0, 2, Bytes32.ZERO, withNull)));
  }
}
