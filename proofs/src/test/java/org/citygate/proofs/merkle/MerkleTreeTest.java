package org.citygate.proofs.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.citygate.proofs.hash.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fast tree against the naive RFC transcription. */
class MerkleTreeTest {
  private static final int SMALL = 70;

  static List<Integer> smallSizes() {
    List<Integer> sizes = new ArrayList<>();
    for (int n = 0; n <= SMALL; n++) {
      sizes.add(n);
    }
    return sizes;
  }

  /** 30 sizes up to 5000, drawn from a fixed seed. */
  static List<Integer> randomSizes() {
    Random random = new Random(6962);
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sizes.add(SMALL + 1 + random.nextInt(5000 - SMALL));
    }
    return sizes;
  }

  @ParameterizedTest
  @MethodSource("smallSizes")
  void matchesNaiveOnEveryIndexAndOldSize(int n) {
    List<byte[]> data = TestData.leaves(n);
    MerkleTree tree = MerkleTree.fromLeafData(data);
    assertEquals(n, tree.size());
    assertEquals(NaiveMerkle.mth(data), tree.root());
    for (int i = 0; i < n; i++) {
      assertEquals(NaiveMerkle.leafHash(data.get(i)), tree.leafHash(i));
      InclusionProof proof = tree.inclusionProof(i);
      assertEquals(i, proof.leafIndex());
      assertEquals(n, proof.treeSize());
      assertEquals(NaiveMerkle.path(i, data), proof.path(), "PATH(" + i + ", D[" + n + "])");
    }
    for (int m = 0; m <= n; m++) {
      ConsistencyProof proof = tree.consistencyProof(m);
      assertEquals(m, proof.oldSize());
      assertEquals(n, proof.newSize());
      assertEquals(NaiveMerkle.proof(m, data), proof.path(), "PROOF(" + m + ", D[" + n + "])");
      assertEquals(NaiveMerkle.mth(data.subList(0, m)), tree.rootAt(m), "MTH(D[0:" + m + "])");
    }
  }

  @Test
  void prefixProofsMatchNaiveForEveryPairOfSizes() {
    List<byte[]> data = TestData.leaves(SMALL);
    MerkleTree tree = MerkleTree.fromLeafData(data);
    for (int p = 0; p <= SMALL; p++) {
      List<byte[]> prefix = data.subList(0, p);
      for (int i = 0; i < p; i++) {
        assertEquals(NaiveMerkle.path(i, prefix), tree.inclusionProof(i, p).path());
      }
      for (int m = 0; m <= p; m++) {
        assertEquals(NaiveMerkle.proof(m, prefix), tree.consistencyProof(m, p).path());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("randomSizes")
  void matchesNaiveOnRandomLargerSizes(int n) {
    Random random = new Random(n);
    List<byte[]> data = TestData.leaves(n);
    MerkleTree tree = MerkleTree.fromLeafData(data);
    assertEquals(NaiveMerkle.mth(data), tree.root());
    List<Integer> indices = new ArrayList<>(List.of(0, n - 1, n / 2));
    List<Integer> oldSizes = new ArrayList<>(List.of(0, 1, n - 1, n));
    for (int j = 0; j < 3; j++) {
      indices.add(random.nextInt(n));
      oldSizes.add(random.nextInt(n + 1));
    }
    for (int i : indices) {
      assertEquals(NaiveMerkle.path(i, data), tree.inclusionProof(i).path());
    }
    for (int m : oldSizes) {
      assertEquals(NaiveMerkle.proof(m, data), tree.consistencyProof(m).path());
    }
    int m = random.nextInt(n + 1);
    List<byte[]> prefix = data.subList(0, m);
    assertEquals(NaiveMerkle.mth(prefix), tree.rootAt(m));
    assertEquals(MerkleTree.fromLeafData(prefix).root(), tree.rootAt(m));
    if (m > 0) {
      int i = random.nextInt(m);
      assertEquals(NaiveMerkle.path(i, prefix), tree.inclusionProof(i, m).path());
      int old = random.nextInt(m + 1);
      assertEquals(NaiveMerkle.proof(old, prefix), tree.consistencyProof(old, m).path());
    }
  }

  @Test
  void rootAtEqualsTreeOfFirstLeaves() {
    Random random = new Random(9162);
    List<byte[]> data = TestData.leaves(3000);
    MerkleTree tree = MerkleTree.fromLeafData(data);
    for (int j = 0; j < 200; j++) {
      int m = random.nextInt(3001);
      assertEquals(MerkleTree.fromLeafData(data.subList(0, m)).root(), tree.rootAt(m), "m=" + m);
    }
    assertEquals(tree.root(), tree.rootAt(3000));
  }

  @Test
  void allThreeFactoriesAgree() {
    List<byte[]> data = TestData.leaves(1234);
    List<Bytes32> hashes = data.stream().map(MerkleHasher::hashLeaf).toList();
    byte[][] raw = hashes.stream().map(Bytes32::bytes).toArray(byte[][]::new);
    Bytes32 root = MerkleTree.fromLeafData(data).root();
    assertEquals(root, MerkleTree.fromLeafHashes(hashes).root());
    assertEquals(root, MerkleTree.fromLeafHashes(raw).root());
  }

  @Test
  void rawLeafHashesAreCopied() {
    byte[][] raw = new byte[3][32];
    MerkleTree tree = MerkleTree.fromLeafHashes(raw);
    Bytes32 root = tree.root();
    raw[1][0] = 1;
    assertEquals(root, tree.root());
    assertEquals(Bytes32.ZERO, tree.leafHash(1));
  }

  @Test
  void rejectsBadArguments() {
    MerkleTree tree = MerkleTree.fromLeafData(TestData.leaves(5));
    assertThrows(IndexOutOfBoundsException.class, () -> tree.leafHash(5));
    assertThrows(IndexOutOfBoundsException.class, () -> tree.leafHash(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> tree.inclusionProof(5));
    assertThrows(IndexOutOfBoundsException.class, () -> tree.inclusionProof(3, 3));
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(0, 6));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(6));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(-1));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(4, 3));
    assertThrows(IllegalArgumentException.class, () -> tree.rootAt(6));
    assertThrows(IllegalArgumentException.class, () -> tree.rootAt(-1));
    assertThrows(
        IllegalArgumentException.class, () -> MerkleTree.fromLeafHashes(new byte[][] {{1, 2}}));
    assertThrows(
        IllegalArgumentException.class, () -> MerkleTree.fromLeafHashes(new byte[][] {null}));
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.fromLeafData(null));
    assertThrows(
        IllegalArgumentException.class,
        () -> MerkleHasher.hashChildren(new byte[31], new byte[32]));
    MerkleTree empty = MerkleTree.fromLeafData(List.of());
    assertThrows(IndexOutOfBoundsException.class, () -> empty.inclusionProof(0));
    assertEquals(List.of(), empty.consistencyProof(0).path());
  }
}
