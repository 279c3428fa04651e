package org.citygate.proofs.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.citygate.proofs.hash.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * Known answers. The expected values were computed outside Java with an independent pure-Python
 * keccak-f[1600] (itself checked against Python's {@code hashlib.sha3_256} by switching the padding
 * byte from 0x01 to 0x06), so they do not depend on the code under test.
 */
class KnownAnswerTest {
  // leaf(d) = keccak256(0x00 ‖ d) for the one-byte leaves 0x00, 0x01, 0x02, 0x03, 0x04
  private static final Bytes32 L0 =
      Bytes32.fromHex("0x54a8c0ab653c15bfb48b47fd011ba2b9617af01cb45cab344acd57c924d56798");
  private static final Bytes32 L1 =
      Bytes32.fromHex("0x49d03a195e239b52779866b33024210fc7dc66e9c2998975c0aa45c1702549d5");
  private static final Bytes32 L2 =
      Bytes32.fromHex("0x3f36a6d26b0e24b34ebff24e48cf83e846d3c7e6f8fc24b4c3536e4be3fe6e5b");
  private static final Bytes32 L3 =
      Bytes32.fromHex("0x95bd33e76f23a0f2f742dae8e54a36b2ed82fb1e60b353f5b130ee750198b59b");
  private static final Bytes32 L4 =
      Bytes32.fromHex("0x07877750657db99eba06a78b082e62610583b72996d6dcd31a7682975a28d942");
  // n01 = keccak256(0x01 ‖ L0 ‖ L1), n23 = keccak256(0x01 ‖ L2 ‖ L3)
  private static final Bytes32 N01 =
      Bytes32.fromHex("0x326c4d49d743c10faea86bd2955196506d33f9133838f62bd4168eb2a1e48bd1");
  private static final Bytes32 N23 =
      Bytes32.fromHex("0x2e35919cbc6f73c993bf0c5285a99bd33bd554a8d09b41689e00eeeede58c5e7");
  // root3 = node(n01, L2): 3 leaves split at k = 2; L2 is promoted, not paired with itself
  private static final Bytes32 ROOT3 =
      Bytes32.fromHex("0x676366ce72431957f1cd40f14d36680b91dc00e9a34aa11cbeee2733112fd811");
  // root4 = node(n01, n23)
  private static final Bytes32 ROOT4 =
      Bytes32.fromHex("0x2b363874bce9f21cd14adf333f51df6a225bd1ed3997ab1e7123ade2c6653aec");
  // root5 = node(root4, L4): 5 leaves split at k = 4; L4 is promoted twice
  private static final Bytes32 ROOT5 =
      Bytes32.fromHex("0x2d9efbfc0fb934d3d86958bb8f2dafbd648c8384c467a0e599153883719853b2");

  private static List<byte[]> oneByteLeaves(int n) {
    byte[][] leaves = new byte[n][];
    for (int i = 0; i < n; i++) {
      leaves[i] = new byte[] {(byte) i};
    }
    return List.of(leaves);
  }

  @Test
  void emptyRootIsKeccakOfNothing() {
    assertEquals(
        "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        MerkleHasher.emptyRoot().toHex());
    assertEquals(MerkleHasher.emptyRoot(), MerkleTree.fromLeafData(List.of()).root());
    assertEquals(MerkleHasher.emptyRoot(), MerkleTree.fromLeafHashes(new byte[0][]).root());
  }

  @Test
  void leafHashOfEmptyDataIsKeccakOfZeroByte() {
    assertEquals(
        "0xbc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a",
        MerkleHasher.hashLeaf(new byte[0]).toHex());
  }

  @Test
  void prefixesAreTheRfcOnes() {
    assertEquals(0x00, MerkleHasher.LEAF_PREFIX);
    assertEquals(0x01, MerkleHasher.NODE_PREFIX);
  }

  @Test
  void leavesAndNodes() {
    List<byte[]> data = oneByteLeaves(5);
    assertEquals(List.of(L0, L1, L2, L3, L4), data.stream().map(MerkleHasher::hashLeaf).toList());
    assertEquals(N01, MerkleHasher.hashChildren(L0, L1));
    assertEquals(N23, new Bytes32(MerkleHasher.hashChildren(L2.bytes(), L3.bytes())));
  }

  @Test
  void smallTrees() {
    assertEquals(L0, MerkleTree.fromLeafData(oneByteLeaves(1)).root()); // one leaf: its hash
    assertEquals(N01, MerkleTree.fromLeafData(oneByteLeaves(2)).root());
    assertEquals(ROOT3, MerkleTree.fromLeafData(oneByteLeaves(3)).root());
    assertEquals(ROOT4, MerkleTree.fromLeafData(oneByteLeaves(4)).root());
    MerkleTree five = MerkleTree.fromLeafData(oneByteLeaves(5));
    assertEquals(ROOT5, five.root());
    assertEquals(ROOT3, five.rootAt(3));
    assertEquals(ROOT4, five.rootAt(4));
  }

  @Test
  void smallProofs() {
    MerkleTree five = MerkleTree.fromLeafData(oneByteLeaves(5));
    // leaf 2 of 5: sibling L3, then n01 on the left, then L4 on the right
    assertEquals(List.of(L3, N01, L4), five.inclusionProof(2).path());
    // leaf 4 of 5: promoted up to the top, one sibling: the left subtree root4
    assertEquals(List.of(ROOT4), five.inclusionProof(4).path());
    // leaf 2 of 3 (prefix): sibling n01 only
    assertEquals(List.of(N01), five.inclusionProof(2, 3).path());
    // consistency 3 -> 5: SUBPROOF(3, D[5], true) = SUBPROOF(3, D[0:4], true) : L4
    //   = (SUBPROOF(1, D[2:4], false) : n01) : L4 = L2, L3, n01, L4
    assertEquals(List.of(L2, L3, N01, L4), five.consistencyProof(3).path());
    // consistency 4 -> 5: the old tree is a complete subtree, so only L4
    assertEquals(List.of(L4), five.consistencyProof(4).path());
  }

  @Test
  void oddNodesAreNotDuplicated() {
    // CVE-2012-2459: with duplication, [0, 1, 2] and [0, 1, 2, 2] would share a root.
    List<byte[]> padded = List.of(new byte[] {0}, new byte[] {1}, new byte[] {2}, new byte[] {2});
    Bytes32 three = MerkleTree.fromLeafData(oneByteLeaves(3)).root();
    Bytes32 four = MerkleTree.fromLeafData(padded).root();
    assertEquals(ROOT3, three);
    assertEquals(MerkleHasher.hashChildren(N01, MerkleHasher.hashChildren(L2, L2)), four);
    assertNotEquals(three, four);
  }
}
