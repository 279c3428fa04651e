package org.citygate.proofs.payout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.junit.jupiter.api.Test;

class PayoutTreeTest {
  private static final BigInteger CHAIN = BigInteger.valueOf(31337);
  private static final Address DISTRIBUTOR =
      Address.fromHex("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");

  private static List<PayoutLeaf> randomLeaves(Random random, int n) {
    List<PayoutLeaf> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] account = new byte[20];
      random.nextBytes(account);
      leaves.add(
          new PayoutLeaf(
              CHAIN,
              DISTRIBUTOR,
              PayoutPool.REWARDS,
              42,
              new Address(account),
              new BigInteger(96, random)));
    }
    return leaves;
  }

  // ---------------------------------------------------------------- known answers

  /**
   * @openzeppelin/merkle-tree README: types [address, uint256], two values.
   */
  @Test
  void openZeppelinReadmeExample() {
    byte[][] leaves = {
      leafHash(
          AbiWords.encode()
              .address(Address.fromHex("0x1111111111111111111111111111111111111111"))
              .uint256(new BigInteger("5000000000000000000"))
              .toBytes()),
      leafHash(
          AbiWords.encode()
              .address(Address.fromHex("0x2222222222222222222222222222222222222222"))
              .uint256(new BigInteger("2500000000000000000"))
              .toBytes())
    };
    assertEquals(
        "0xeb02c421cfa48976e66dfb29120745909ea3a0f843456c263cf8f1253483e283",
        Hex.encode(leaves[0]));
    assertEquals(
        "0xb92c48e9d7abe27fd8dfd6b5dfdbfb1c9a463f80c712b66f3a5180a090cccafc",
        Hex.encode(leaves[1]));
    byte[][] tree = PayoutTree.layout(leaves, new int[2]);
    assertEquals(
        "0xd4dee0beab2d53f2cc83e567171bd2820e49898130a22622b10ead383e90bd77", Hex.encode(tree[0]));
  }

  /**
   * The 12-leaf tree in @openzeppelin/merkle-tree's own snapshot ({@code standard.test.ts.md},
   * "dump (with seed=0)"): the leaf hashes in input order and, with sortLeaves, the whole array and
   * each value's treeIndex.
   */
  @Test
  void openZeppelinTwelveLeafSnapshot() {
    String[] inputOrder = {
      "0x6de05019198fcc90ba19896fca48ba0c8f9dd00b7264c7a22284351f3652ea5c",
      "0x4bda3fa8b7e83fdab2048e0faa3fc2edc803df4f2df2996309c71d9d560ea667",
      "0x53e63148bd7b5c974996c9469d0fcc9e764d34ddafec28eabb4a93399eb8b882",
      "0xa596ffee17c3519d0311edb25ac6d28e08407856a2c6fd1db81a9260295f2851",
      "0x53722a4093d3d803b22250c797e0d4fdda3aebfd9c151c8c775ffa8b440f4629",
      "0x67c6abdc93cb48b54a8f8e02762d6582ba99455b1112824fa2913e51c14610a3",
      "0xf37f0986a1809cffdf18075f7ff12bdfbc6b46ac4966cbc1dbecf50e59b8146f",
      "0xfff0acc0b7c7dd4dca88db8b9ea4cb251797946d4bf09314f9487d079cbc8168",
      "0xc141a2c1fa419824b43dbded51a5087ffe99d20964d995f96fb619781a6662d2",
      "0x8cf4ffe7174807707948cd21858ba8360b8f37a69e12696a722c9a500970b7dd",
      "0x02ad059b3cbe14ca74695645b9287bab95865054a44f35870ccb3224d57ae497",
      "0xb2ec04776c599a72b9b1d2dfdee91560dc9f479643e201020ded568f68c06a80",
    };
    String[] expectedTree = {
      "0x157e9c38a2614a4493a0e4c38e84a1b43a932665e4d42fa2bf345824b9f101b7",
      "0xcd255af645cd649e62c7e56d324bc8b525a39bd311e05a1a5de00d73ff1fe253",
      "0xcdf36ec033d7950f6d6e01f9a66a67c3940ea15650a1300a5015d068c4543cf3",
      "0x276d63ffce14279caf791d010be5c715c64ec407dba2857628a9741fcd18bcd4",
      "0xf1e0e7f88a5f498d37d5a40af968ad629eabc52b908b9575f3a9735b3cf3a28b",
      "0xcd9fc8f6b33a02d7a601b0c77e7d36f230bc7871623435fe9aecb52887efefc1",
      "0x70ce5864fbf25654a2d3319cab6df02731e260754370f6444c03678b7e5b616a",
      "0xc9487ccb1a15e20f708fd5d6a93b049034d1ec516624b927b5f88ab37f20d06d",
      "0xada38b6fdf007666bf5b19773191f484c99c249e44e1b07d5218f9eefb5ff9b3",
      "0x0b592340f8a37b1fd772c131d85d1fe11f5b5a14ff1575163be1f48cdb569b60",
      "0x18c5e1f567b176b912f504943387285ba231aba9fab91569f5d90e3d72e881ba",
      "0xfff0acc0b7c7dd4dca88db8b9ea4cb251797946d4bf09314f9487d079cbc8168",
      "0xf37f0986a1809cffdf18075f7ff12bdfbc6b46ac4966cbc1dbecf50e59b8146f",
      "0xc141a2c1fa419824b43dbded51a5087ffe99d20964d995f96fb619781a6662d2",
      "0xb2ec04776c599a72b9b1d2dfdee91560dc9f479643e201020ded568f68c06a80",
      "0xa596ffee17c3519d0311edb25ac6d28e08407856a2c6fd1db81a9260295f2851",
      "0x8cf4ffe7174807707948cd21858ba8360b8f37a69e12696a722c9a500970b7dd",
      "0x6de05019198fcc90ba19896fca48ba0c8f9dd00b7264c7a22284351f3652ea5c",
      "0x67c6abdc93cb48b54a8f8e02762d6582ba99455b1112824fa2913e51c14610a3",
      "0x53e63148bd7b5c974996c9469d0fcc9e764d34ddafec28eabb4a93399eb8b882",
      "0x53722a4093d3d803b22250c797e0d4fdda3aebfd9c151c8c775ffa8b440f4629",
      "0x4bda3fa8b7e83fdab2048e0faa3fc2edc803df4f2df2996309c71d9d560ea667",
      "0x02ad059b3cbe14ca74695645b9287bab95865054a44f35870ccb3224d57ae497",
    };
    int[] expectedTreeIndex = {17, 21, 19, 15, 20, 18, 12, 11, 13, 16, 22, 14};

    byte[][] leaves = new byte[inputOrder.length][];
    for (int i = 0; i < leaves.length; i++) {
      leaves[i] = Hex.decode(inputOrder[i]);
    }
    int[] treeIndex = new int[leaves.length];
    byte[][] tree = PayoutTree.layout(leaves, treeIndex);
    String[] actual = new String[tree.length];
    for (int i = 0; i < tree.length; i++) {
      actual[i] = Hex.encode(tree[i]);
    }
    assertArrayEquals(expectedTree, actual);
    assertArrayEquals(expectedTreeIndex, treeIndex);
  }

  // ---------------------------------------------------------------- leaf encoding

  @Test
  void leafEncodingIsSixWordsAndDoublyHashed() {
    Address account = Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    PayoutLeaf leaf =
        new PayoutLeaf(CHAIN, DISTRIBUTOR, PayoutPool.ENERGY, 7, account, BigInteger.TEN.pow(18));
    byte[] encoded = leaf.encode();
    assertEquals(6 * 32, encoded.length);
    assertEquals(BigInteger.valueOf(31337), new BigInteger(1, Arrays.copyOfRange(encoded, 0, 32)));
    assertArrayEquals(DISTRIBUTOR.toWord(), Arrays.copyOfRange(encoded, 32, 64));
    assertEquals(BigInteger.ZERO, new BigInteger(1, Arrays.copyOfRange(encoded, 64, 96)));
    assertEquals(BigInteger.valueOf(7), new BigInteger(1, Arrays.copyOfRange(encoded, 96, 128)));
    assertArrayEquals(account.toWord(), Arrays.copyOfRange(encoded, 128, 160));
    assertEquals(BigInteger.TEN.pow(18), new BigInteger(1, Arrays.copyOfRange(encoded, 160, 192)));
    assertEquals(Hex.encode(leafHash(encoded)), leaf.hash().toHex());

    PayoutLeaf rewards =
        new PayoutLeaf(CHAIN, DISTRIBUTOR, PayoutPool.REWARDS, 7, account, BigInteger.TEN.pow(18));
    assertEquals(BigInteger.ONE, new BigInteger(1, Arrays.copyOfRange(rewards.encode(), 64, 96)));
    assertEquals(
        List.of("uint256", "address", "uint8", "uint64", "address", "uint256"), PayoutLeaf.TYPES);
  }

  @Test
  void leafValidation() {
    Address account = Address.ZERO;
    assertThrows(
        IllegalArgumentException.class,
        () -> new PayoutLeaf(CHAIN, DISTRIBUTOR, PayoutPool.ENERGY, -1, account, BigInteger.ONE));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new PayoutLeaf(
                CHAIN, DISTRIBUTOR, PayoutPool.ENERGY, 0, account, BigInteger.valueOf(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new PayoutLeaf(
                CHAIN, DISTRIBUTOR, PayoutPool.ENERGY, 0, account, BigInteger.ONE.shiftLeft(256)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PayoutLeaf(CHAIN, DISTRIBUTOR, null, 0, account, BigInteger.ONE));
    new PayoutLeaf(
        CHAIN,
        DISTRIBUTOR,
        PayoutPool.ENERGY,
        Long.MAX_VALUE,
        account,
        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
  }

  @Test
  void poolCodes() {
    assertEquals(0, PayoutPool.ENERGY.code());
    assertEquals(1, PayoutPool.REWARDS.code());
    assertEquals(PayoutPool.ENERGY, PayoutPool.fromCode(0));
    assertEquals(PayoutPool.REWARDS, PayoutPool.fromCode(1));
    assertThrows(IllegalArgumentException.class, () -> PayoutPool.fromCode(2));
  }

  // ---------------------------------------------------------------- tree shape and proofs

  @Test
  void everyProofVerifiesAndMatchesTheReferenceForSizesOneToThirtyThree() {
    Random random = new Random(1234);
    for (int n = 1; n <= 33; n++) {
      List<PayoutLeaf> leaves = randomLeaves(random, n);
      PayoutTree tree = PayoutTree.of(leaves);
      Reference reference = new Reference(leaves);

      assertEquals(2 * n - 1, tree.nodes().size());
      assertEquals(reference.nodes, hexes(tree.nodes()), "nodes, n=" + n);
      assertEquals(reference.nodes.get(0), tree.root().toHex(), "root, n=" + n);
      for (int i = 0; i < n; i++) {
        List<Bytes32> proof = tree.proof(i);
        assertEquals(reference.proof(i), hexes(proof), "proof, n=" + n + " i=" + i);
        assertEquals(proof, tree.proof(leaves.get(i)));
        assertTrue(PayoutTree.verify(tree.root(), leaves.get(i).hash(), proof), "n=" + n);
        assertEquals(leaves.get(i).hash(), tree.nodes().get(tree.treeIndex(i)));
      }
    }
  }

  @Test
  void inputOrderDoesNotMatter() {
    List<PayoutLeaf> leaves = randomLeaves(new Random(5), 13);
    List<PayoutLeaf> shuffled = new ArrayList<>(leaves);
    Collections.shuffle(shuffled, new Random(6));
    assertEquals(PayoutTree.of(leaves).root(), PayoutTree.of(shuffled).root());
    assertEquals(PayoutTree.of(leaves).nodes(), PayoutTree.of(shuffled).nodes());
  }

  @Test
  void singleLeafTreeIsItsLeafHash() {
    PayoutLeaf leaf = randomLeaves(new Random(8), 1).get(0);
    PayoutTree tree = PayoutTree.of(List.of(leaf));
    assertEquals(leaf.hash(), tree.root());
    assertEquals(List.of(), tree.proof(0));
    assertTrue(PayoutTree.verify(tree.root(), leaf.hash(), List.of()));
  }

  @Test
  void changedLeavesOrProofsDoNotVerify() {
    List<PayoutLeaf> leaves = randomLeaves(new Random(9), 11);
    PayoutTree tree = PayoutTree.of(leaves);
    Address stranger = Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    for (int i = 0; i < leaves.size(); i++) {
      PayoutLeaf l = leaves.get(i);
      List<Bytes32> proof = tree.proof(i);
      List<PayoutLeaf> forged =
          List.of(
              new PayoutLeaf(
                  l.chainId(),
                  l.distributor(),
                  l.pool(),
                  l.epoch(),
                  l.account(),
                  l.cumulativeAmount().add(BigInteger.ONE)),
              new PayoutLeaf(
                  l.chainId(),
                  l.distributor(),
                  l.pool(),
                  l.epoch(),
                  stranger,
                  l.cumulativeAmount()),
              new PayoutLeaf(
                  l.chainId(),
                  l.distributor(),
                  l.pool(),
                  l.epoch() + 1,
                  l.account(),
                  l.cumulativeAmount()),
              new PayoutLeaf(
                  l.chainId(),
                  l.distributor(),
                  PayoutPool.ENERGY,
                  l.epoch(),
                  l.account(),
                  l.cumulativeAmount()),
              new PayoutLeaf(
                  BigInteger.ONE,
                  l.distributor(),
                  l.pool(),
                  l.epoch(),
                  l.account(),
                  l.cumulativeAmount()),
              new PayoutLeaf(
                  l.chainId(),
                  Address.ZERO,
                  l.pool(),
                  l.epoch(),
                  l.account(),
                  l.cumulativeAmount()));
      for (PayoutLeaf f : forged) {
        assertFalse(PayoutTree.verify(tree.root(), f.hash(), proof), f.toString());
      }

      List<Bytes32> truncated = proof.subList(0, proof.size() - 1);
      assertFalse(PayoutTree.verify(tree.root(), l.hash(), truncated));
      List<Bytes32> extended = new ArrayList<>(proof);
      extended.add(Bytes32.ZERO);
      assertFalse(PayoutTree.verify(tree.root(), l.hash(), extended));
      List<Bytes32> flipped = new ArrayList<>(proof);
      byte[] sibling = flipped.get(0).bytes();
      sibling[31] ^= 1;
      flipped.set(0, new Bytes32(sibling));
      assertFalse(PayoutTree.verify(tree.root(), l.hash(), flipped));
      assertFalse(PayoutTree.verify(Bytes32.ZERO, l.hash(), proof));
    }
    assertFalse(PayoutTree.verify(tree.root(), null, List.of()));
  }

  @Test
  void duplicateAccountsAreRejected() {
    List<PayoutLeaf> leaves = new ArrayList<>(randomLeaves(new Random(10), 4));
    PayoutLeaf second = leaves.get(1);
    leaves.add(
        new PayoutLeaf(
            CHAIN, DISTRIBUTOR, PayoutPool.REWARDS, 42, second.account(), BigInteger.TWO));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PayoutTree.of(leaves));
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    assertTrue(e.getMessage().contains(second.account().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("leaves 1 and 4"), e.getMessage());
  }

  @Test
  void aTreeIsOneChainDistributorPoolAndEpoch() {
    List<PayoutLeaf> leaves = randomLeaves(new Random(13), 5);
    Address other = Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    List<String> expected =
        List.of(
            "chainId 1 where leaf 0 has 31337",
            "distributor " + other + " where leaf 0 has " + DISTRIBUTOR,
            "pool ENERGY where leaf 0 has REWARDS",
            "epoch 43 where leaf 0 has 42");
    for (int k = 0; k < expected.size(); k++) {
      List<PayoutLeaf> mixed = new ArrayList<>(leaves);
      mixed.set(3, stray(leaves.get(3), k, other));
      mixed.set(4, stray(leaves.get(4), (k + 1) % 4, other)); // a later stray is not named
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PayoutTree.of(mixed));
      assertEquals(
          "payout leaf 3 (account "
              + leaves.get(3).account()
              + ") has "
              + expected.get(k)
              + "; a payout tree is one (chainId, distributor, pool, epoch): build one tree"
              + " per pool and epoch",
          e.getMessage());
    }
    // leaf 0 sets the context: a stray first leaf makes leaf 1 the one named
    List<PayoutLeaf> strayFirst = new ArrayList<>(leaves);
    strayFirst.set(0, stray(leaves.get(0), 2, other));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PayoutTree.of(strayFirst));
    assertTrue(
        e.getMessage()
            .startsWith(
                "payout leaf 1 (account "
                    + leaves.get(1).account()
                    + ") has pool REWARDS where leaf 0 has ENERGY"),
        e.getMessage());
  }

  /** {@code l} with one context field changed: chainId, distributor, pool or epoch for k = 0..3. */
  private static PayoutLeaf stray(PayoutLeaf l, int k, Address otherDistributor) {
    return new PayoutLeaf(
        k == 0 ? BigInteger.ONE : l.chainId(),
        k == 1 ? otherDistributor : l.distributor(),
        k == 2 ? PayoutPool.ENERGY : l.pool(),
        k == 3 ? l.epoch() + 1 : l.epoch(),
        l.account(),
        l.cumulativeAmount());
  }

  @Test
  void totalCumulativeIsTheExactSumOfTheLeaves() {
    List<PayoutLeaf> leaves = randomLeaves(new Random(14), 9);
    BigInteger sum = BigInteger.ZERO;
    for (PayoutLeaf leaf : leaves) {
      sum = sum.add(leaf.cumulativeAmount());
    }
    assertEquals(sum, PayoutTree.of(leaves).totalCumulative());
    assertTrue(sum.signum() > 0);

    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    PayoutLeaf first = leaves.get(0);
    List<PayoutLeaf> huge =
        List.of(
            first,
            new PayoutLeaf(
                first.chainId(),
                first.distributor(),
                first.pool(),
                first.epoch(),
                Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
                max));
    assertEquals(
        max.add(first.cumulativeAmount()),
        PayoutTree.of(huge).totalCumulative(),
        "exact, even past uint256");
    PayoutLeaf zero =
        new PayoutLeaf(
            first.chainId(),
            first.distributor(),
            first.pool(),
            first.epoch(),
            first.account(),
            BigInteger.ZERO);
    assertEquals(BigInteger.ZERO, PayoutTree.of(List.of(zero)).totalCumulative());
  }

  @Test
  void emptyTreesAndUnknownLeavesAreErrors() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PayoutTree.of(List.of()));
    assertEquals("a payout tree needs at least one leaf", e.getMessage());
    PayoutTree tree = PayoutTree.of(randomLeaves(new Random(11), 3));
    PayoutLeaf outsider = randomLeaves(new Random(12), 1).get(0);
    assertThrows(IllegalArgumentException.class, () -> tree.proof(outsider));
    assertThrows(IndexOutOfBoundsException.class, () -> tree.proof(3));
    assertThrows(IndexOutOfBoundsException.class, () -> tree.proof(-1));
  }

  // ---------------------------------------------------------------- independent reference

  /**
   * A separate, deliberately plain transcription of @openzeppelin/merkle-tree's {@code
   * makeMerkleTree} / {@code getProof}: hex strings, String sorting (lower-case hex sorts like
   * unsigned bytes), recursion for the inner nodes, and the library's own index formulas.
   */
  private static final class Reference {
    final List<String> nodes;
    final List<String> leafHashes = new ArrayList<>();

    Reference(List<PayoutLeaf> leaves) {
      for (PayoutLeaf leaf : leaves) {
        leafHashes.add(Hex.encode(leafHash(leaf.encode())));
      }
      List<String> sorted = new ArrayList<>(leafHashes);
      Collections.sort(sorted);
      int n = sorted.size();
      String[] array = new String[2 * n - 1];
      for (int i = 0; i < n; i++) {
        array[array.length - 1 - i] = sorted.get(i);
      }
      fill(array, 0);
      nodes = List.of(array);
    }

    private static String fill(String[] array, int i) {
      if (array[i] == null) {
        String left = fill(array, 2 * i + 1);
        String right = fill(array, 2 * i + 2);
        String a = left.compareTo(right) <= 0 ? left : right;
        String b = left.compareTo(right) <= 0 ? right : left;
        array[i] = Hex.encode(keccak(concat(Hex.decode(a), Hex.decode(b))));
      }
      return array[i];
    }

    List<String> proof(int inputIndex) {
      // The leaf's position: where its hash sits among the leaf nodes (hashes are distinct here).
      int index = nodes.lastIndexOf(leafHashes.get(inputIndex));
      assertTrue(index >= nodes.size() / 2, "leaf found among the leaf nodes");
      List<String> proof = new ArrayList<>();
      while (index > 0) {
        proof.add(nodes.get(index - (int) Math.pow(-1, index % 2))); // siblingIndex
        index = Math.floorDiv(index - 1, 2); // parentIndex
      }
      return proof;
    }
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> hexes(List<Bytes32> values) {
    List<String> out = new ArrayList<>();
    for (Bytes32 value : values) {
      out.add(value.toHex());
    }
    return out;
  }

  private static byte[] leafHash(byte[] encoded) {
    return keccak(keccak(encoded));
  }

  private static byte[] keccak(byte[] data) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
