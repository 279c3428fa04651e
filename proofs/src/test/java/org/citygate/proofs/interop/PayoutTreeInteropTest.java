package org.citygate.proofs.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.payout.PayoutLeaf;
import org.citygate.proofs.payout.PayoutPool;
import org.citygate.proofs.payout.PayoutTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The payout tree's root, leaf hashes and proofs equal those of OpenZeppelin's own implementation,
 * {@code @openzeppelin/merkle-tree} ({@code StandardMerkleTree.of}, pinned in {@code
 * tools/package.json}), for the same values: random seeded sets of 1 to 200 leaves, amounts up to
 * 2<sup>128</sup>. Each tree is one (chain, distributor, pool, epoch), as {@link PayoutTree#of}
 * requires; across the six trees every pool meets every epoch, and every chain is used.
 */
@Tag("interop")
class PayoutTreeInteropTest {
  private static final int[] SIZES = {1, 2, 3, 7, 64, 200};
  private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
  private static final BigInteger[] CHAINS = {
    BigInteger.valueOf(31337),
    BigInteger.ONE,
    BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
  };
  private static final long[] EPOCHS = {0, 42, Long.MAX_VALUE};

  private static final List<List<PayoutLeaf>> LEAVES = new ArrayList<>();
  private static List<JsonNode> npm;

  /**
   * {@code payout-tree.mjs} builds one tree per call, so the six trees are six calls, run at the
   * same time.
   */
  @BeforeAll
  static void buildWithOpenZeppelin() {
    List<ObjectNode> inputs = new ArrayList<>();
    for (int size : SIZES) {
      List<PayoutLeaf> leaves = randomLeaves(new Random(0x5EED_0000L + size), inputs.size(), size);
      LEAVES.add(leaves);
      ObjectNode input = NodeScript.object();
      ArrayNode values = input.putArray("values");
      for (PayoutLeaf leaf : leaves) {
        values
            .addArray()
            .add(leaf.chainId().toString())
            .add(leaf.distributor().toString()) // EIP-55: ethers checks Java's checksum too
            .add(Integer.toString(leaf.pool().code()))
            .add(Long.toString(leaf.epoch()))
            .add(leaf.account().toString())
            .add(leaf.cumulativeAmount().toString());
      }
      inputs.add(input);
    }
    npm = NodeScript.runAll("payout-tree.mjs", inputs);
  }

  @ParameterizedTest(name = "{0} leaves")
  @MethodSource("sizes")
  void rootLeafHashesAndEveryProofMatchOpenZeppelin(int size) {
    int which = indexOf(size);
    List<PayoutLeaf> leaves = LEAVES.get(which);
    JsonNode expected = npm.get(which);
    PayoutTree tree = PayoutTree.of(leaves);

    Bytes32 root = Bytes32.fromHex(expected.get("root").asText());
    assertEquals(root, tree.root(), "root of " + size + " leaves");
    JsonNode entries = expected.get("entries");
    assertEquals(size, entries.size(), "entries");
    for (int i = 0; i < size; i++) {
      JsonNode entry = entries.get(i);
      String where = size + " leaves, leaf " + i;
      assertEquals(i, entry.get("index").asInt(), where + ": index");
      Bytes32 leafHash = Bytes32.fromHex(entry.get("leafHash").asText());
      assertEquals(leafHash, leaves.get(i).hash(), where + ": leaf hash");
      List<Bytes32> proof = new ArrayList<>();
      entry.get("proof").forEach(node -> proof.add(Bytes32.fromHex(node.asText())));
      assertEquals(proof, tree.proof(i), where + ": proof");
      assertEquals(proof, tree.proof(leaves.get(i)), where + ": proof by leaf");
      assertTrue(PayoutTree.verify(root, leafHash, proof), where + ": npm proof verifies in Java");
    }
  }

  static IntStream sizes() {
    return IntStream.of(SIZES);
  }

  private static int indexOf(int size) {
    for (int i = 0; i < SIZES.length; i++) {
      if (SIZES[i] == size) {
        return i;
      }
    }
    throw new IllegalArgumentException("no tree of " + size + " leaves");
  }

  /**
   * Tree {@code k}'s leaves: one context, distinct random accounts, amounts in {@code [0, 2^128]}
   * with both ends present once the tree is big enough. The context is pool {@code k mod 2}, epoch
   * {@code EPOCHS[k mod 3]} and chain {@code CHAINS[k / 2]}, so the six trees cover all six (pool,
   * epoch) pairs and each chain twice; the distributor is random.
   */
  private static List<PayoutLeaf> randomLeaves(Random random, int k, int size) {
    BigInteger chainId = CHAINS[k / 2];
    PayoutPool pool = k % 2 == 0 ? PayoutPool.ENERGY : PayoutPool.REWARDS;
    long epoch = EPOCHS[k % 3];
    Address distributor = randomAddress(random);
    List<PayoutLeaf> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      BigInteger amount =
          switch (i) {
            case 0 -> TWO_128;
            case 1 -> BigInteger.ZERO;
            default -> new BigInteger(129, random).mod(TWO_128.add(BigInteger.ONE));
          };
      leaves.add(new PayoutLeaf(chainId, distributor, pool, epoch, randomAddress(random), amount));
    }
    return leaves;
  }

  private static Address randomAddress(Random random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return new Address(bytes);
  }
}
