package org.citygate.proofs.merkle;

import static org.citygate.proofs.merkle.TestData.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.ProofException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Property tests for consistency proofs, on prefixes of one append-only log. */
class ConsistencyVerificationTest {
  private static final int LOG_SIZE = 3000;
  private static MerkleTree log;

  @BeforeAll
  static void buildLog() {
    log = MerkleTree.fromLeafData(TestData.leaves(LOG_SIZE));
  }

  private static Reason verify(
      long m, long n, List<Bytes32> path, Bytes32 oldRoot, Bytes32 newRoot) {
    Reason reason =
        rejection(
            () ->
                MerkleVerifier.verifyConsistency(
                    new ConsistencyProof(m, n, path), oldRoot, newRoot));
    if (0 < m && m < n) {
      assertEquals(
          reason == null,
          NaiveMerkle.rfcVerifyConsistency(m, n, oldRoot, newRoot, path),
          "library and RFC 9162 loop disagree on " + m + " -> " + n);
    }
    return reason;
  }

  private static boolean isPowerOfTwo(long m) {
    return Long.bitCount(m) == 1;
  }

  @Test
  void everyPairUpTo64Verifies() {
    for (int n = 0; n <= 64; n++) {
      for (int m = 0; m <= n; m++) {
        assertNull(verify(m, n, log.consistencyProof(m, n).path(), log.rootAt(m), log.rootAt(n)));
      }
    }
  }

  @Test
  void randomPairsVerifyAndMutationsAreRejected() {
    Random random = new Random(2014);
    for (int trial = 0; trial < 300; trial++) {
      int n = 2 + random.nextInt(LOG_SIZE - 1);
      int m = 1 + random.nextInt(n - 1); // 0 < m < n: the RFC algorithm proper
      List<Bytes32> path = log.consistencyProof(m, n).path();
      Bytes32 oldRoot = log.rootAt(m);
      Bytes32 newRoot = log.rootAt(n);
      String where = m + " -> " + n;
      assertNull(verify(m, n, path, oldRoot, newRoot), where);

      // a flipped bit anywhere in the path breaks the old root, the new root, or both
      for (int e = 0; e < path.size(); e++) {
        int bit = random.nextInt(256);
        Reason reason =
            verify(m, n, TestData.replace(path, e, h -> TestData.flip(h, bit)), oldRoot, newRoot);
        assertTrue(
            reason == Reason.OLD_ROOT_MISMATCH || reason == Reason.NEW_ROOT_MISMATCH,
            where + ", element " + e + ": " + reason);
      }

      // wrong old root. When m is a power of two the old root is itself the seed of the chain, so
      // the wrong value "matches" itself and the damage shows in the new root instead.
      Reason wrongOld = verify(m, n, path, TestData.flip(oldRoot, random.nextInt(256)), newRoot);
      assertEquals(isPowerOfTwo(m) ? Reason.NEW_ROOT_MISMATCH : Reason.OLD_ROOT_MISMATCH, wrongOld);
      assertEquals(
          Reason.NEW_ROOT_MISMATCH,
          verify(m, n, path, oldRoot, TestData.flip(newRoot, random.nextInt(256))),
          where);
      assertEquals(
          isPowerOfTwo(m) ? Reason.NEW_ROOT_MISMATCH : Reason.OLD_ROOT_MISMATCH,
          verify(m, n, path, newRoot, oldRoot),
          where + " with the roots swapped");

      // truncated and extended
      assertEquals(
          Reason.WRONG_PROOF_SIZE,
          verify(m, n, path.subList(0, path.size() - 1), oldRoot, newRoot));
      assertEquals(
          Reason.WRONG_PROOF_SIZE, verify(m, n, path.subList(1, path.size()), oldRoot, newRoot));
      List<Bytes32> extended = new ArrayList<>(path);
      extended.add(oldRoot);
      assertEquals(Reason.WRONG_PROOF_SIZE, verify(m, n, extended, oldRoot, newRoot));
      extended.add(0, extended.remove(extended.size() - 1));
      assertEquals(Reason.WRONG_PROOF_SIZE, verify(m, n, extended, oldRoot, newRoot));

      // swapped sizes
      assertEquals(Reason.SIZE_DECREASED, rejection(() -> new ConsistencyProof(n, m, path)));

      // sizes off by one: whatever happens, it agrees with the literal RFC loop (checked inside
      // verify), and a proof against the real roots of other sizes is never accepted
      for (int[] sizes : new int[][] {{m - 1, n}, {m + 1, n}, {m, n - 1}, {m, n + 1}}) {
        int m2 = sizes[0];
        int n2 = sizes[1];
        if (0 < m2 && m2 < n2 && n2 <= LOG_SIZE) {
          verify(m2, n2, path, oldRoot, newRoot);
          Bytes32 realOld = log.rootAt(m2);
          Bytes32 realNew = log.rootAt(n2);
          assertTrue(
              verify(m2, n2, path, realOld, realNew) != null,
              "proof " + where + " accepted for " + m2 + " -> " + n2);
        }
      }
    }
  }

  @Test
  void everyFlippedBitIsRejectedForSomePairs() {
    int[][] pairs = {{1, 2}, {3, 7}, {4, 5}, {6, 8}, {13, 64}, {100, 2999}, {1024, 3000}};
    for (int[] pair : pairs) {
      int m = pair[0];
      int n = pair[1];
      List<Bytes32> path = log.consistencyProof(m, n).path();
      for (int e = 0; e < path.size(); e++) {
        for (int bit = 0; bit < 256; bit++) {
          int b = bit;
          List<Bytes32> mutated = TestData.replace(path, e, h -> TestData.flip(h, b));
          Reason reason =
              rejection(
                  () ->
                      MerkleVerifier.verifyConsistency(
                          new ConsistencyProof(m, n, mutated), log.rootAt(m), log.rootAt(n)));
          assertTrue(
              reason == Reason.OLD_ROOT_MISMATCH || reason == Reason.NEW_ROOT_MISMATCH,
              m + " -> " + n + ": " + reason);
        }
      }
    }
  }

  @Test
  void edgeCases() {
    Bytes32 empty = MerkleHasher.emptyRoot();
    Bytes32 root5 = log.rootAt(5);
    Bytes32 root6 = log.rootAt(6);
    // from the empty tree: empty proof, old root must be the empty root, any new root
    assertNull(verify(0, 0, List.of(), empty, empty));
    assertNull(verify(0, 5, List.of(), empty, root5));
    assertEquals(Reason.WRONG_PROOF_SIZE, verify(0, 5, List.of(root5), empty, root5));
    assertEquals(Reason.OLD_ROOT_MISMATCH, verify(0, 5, List.of(), root5, root5));
    // equal sizes: empty proof, equal roots
    assertNull(verify(5, 5, List.of(), root5, root5));
    assertEquals(Reason.NEW_ROOT_MISMATCH, verify(5, 5, List.of(), root5, root6));
    assertEquals(Reason.WRONG_PROOF_SIZE, verify(5, 5, List.of(root5), root5, root5));
    // 0 < m < n needs a non-empty proof
    assertEquals(Reason.WRONG_PROOF_SIZE, verify(5, 6, List.of(), root5, root6));
    assertEquals(Reason.WRONG_PROOF_SIZE, verify(4, 6, List.of(), log.rootAt(4), root6));
  }

  @Test
  void recordIsValidated() {
    assertEquals(Reason.MALFORMED, rejection(() -> new ConsistencyProof(-1, 5, List.of())));
    assertEquals(Reason.SIZE_DECREASED, rejection(() -> new ConsistencyProof(6, 5, List.of())));
    assertEquals(Reason.MALFORMED, rejection(() -> new ConsistencyProof(1, 5, null)));
    ProofException e =
        assertThrows(ProofException.class, () -> new ConsistencyProof(6, 5, List.of()));
    assertEquals("new size 5 is smaller than old size 6", e.getMessage());
    List<Bytes32> path = new ArrayList<>(List.of(Bytes32.ZERO));
    ConsistencyProof proof = new ConsistencyProof(1, 2, path);
    path.clear();
    assertEquals(List.of(Bytes32.ZERO), proof.path());
  }
}
