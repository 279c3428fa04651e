package org.citygate.anchor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.citygate.anchor.ledger.contracts.AnchorRegistry;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.InclusionProof;
import org.citygate.proofs.merkle.MerkleTree;
import org.citygate.proofs.merkle.MerkleVerifier;
import org.citygate.proofs.merkle.ProofException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * The registry's {@code verifyInclusion} (RFC 9162 §2.1.3.2 in Solidity) against the {@code proofs}
 * library's {@link MerkleTree} and {@link MerkleVerifier}: every index of every tree of 1 to 33
 * leaves verifies on chain, and every mutation is judged exactly as the Java verifier judges it,
 * where flipped bits, wrong or out-of-range indexes, and truncated or extended paths must fail.
 *
 * <p>The calls go to the node in JSON-RPC batches, one per tree size.
 */
class InclusionProofOnChainTest {
  private static final int MAX_SIZE = 33;

  private static LedgerChain chain;
  private static AnchorRegistry registry;

  @BeforeAll
  static void deploy() throws Exception {
    chain = LedgerChain.start(31337);
    registry =
        AnchorRegistry.deploy(chain.web3j, chain.manager(0), LedgerChain.GAS, chain.address(0))
            .send();
  }

  @AfterAll
  static void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  /** One on-chain check and what it must give. */
  record Case(
      String what,
      Bytes32 leaf,
      long index,
      long size,
      List<Bytes32> path,
      Bytes32 root,
      Boolean mustBe) {}

  @Test
  void everyIndexOfSizesOneToThirtyThreeVerifiesAndEveryMutationIsJudgedAsInJava() {
    Random random = new Random(6962);
    int valid = 0;
    int rejected = 0;
    int wrongSizeAccepted = 0;
    for (int size = 1; size <= MAX_SIZE; size++) {
      List<byte[]> data = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        data.add(new byte[] {(byte) i});
      }
      MerkleTree tree = MerkleTree.fromLeafData(data);
      Bytes32 root = tree.root();
      List<Case> cases = new ArrayList<>();
      for (int index = 0; index < size; index++) {
        InclusionProof proof = tree.inclusionProof(index);
        List<Bytes32> path = proof.path();
        Bytes32 leaf = tree.leafHash(index);
        cases.add(new Case("valid", leaf, index, size, path, root, true));
        cases.add(new Case("flipped leaf bit", flip(leaf, random), index, size, path, root, false));
        cases.add(new Case("flipped root bit", leaf, index, size, path, flip(root, random), false));
        if (!path.isEmpty()) {
          int at = random.nextInt(path.size());
          List<Bytes32> flipped = new ArrayList<>(path);
          flipped.set(at, flip(path.get(at), random));
          cases.add(new Case("flipped path bit", leaf, index, size, flipped, root, false));
          cases.add(
              new Case(
                  "truncated path",
                  leaf,
                  index,
                  size,
                  path.subList(0, path.size() - 1),
                  root,
                  false));
        }
        List<Bytes32> extended = new ArrayList<>(path);
        extended.add(Bytes32.keccak(new byte[] {1, 2, 3}));
        cases.add(new Case("extended path", leaf, index, size, extended, root, false));
        List<Bytes32> extendedWithRoot = new ArrayList<>(path);
        extendedWithRoot.add(root);
        cases.add(
            new Case("path ending in the root", leaf, index, size, extendedWithRoot, root, false));
        cases.add(new Case("index = size", leaf, size, size, path, root, false));
        cases.add(new Case("index > size", leaf, size + 5L, size, path, root, false));
        if (index + 1 < size) {
          cases.add(new Case("next index", leaf, index + 1, size, path, root, false));
        }
        if (index > 0) {
          cases.add(new Case("previous index", leaf, index - 1, size, path, root, false));
        }
        // A wrong size can give the same path shape; the Java verifier and the contract agree,
        // and the size is bound by what is signed or anchored, not by this check.
        cases.add(new Case("size + 1", leaf, index, size + 1L, path, root, null));
        if (size - 1 > index) {
          cases.add(new Case("size - 1", leaf, index, size - 1L, path, root, null));
        }
        cases.add(new Case("size 0", leaf, index, 0, path, root, false));
        cases.add(
            new Case(
                "other leaf",
                tree.leafHash((index + 1) % size),
                index,
                size,
                path,
                root,
                size == 1 ? null : false));
      }
      List<Boolean> onChain = verifyAll(chain, registry, cases);
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        boolean java = javaVerifies(c);
        boolean chainSays = onChain.get(i);
        assertEquals(java, chainSays, () -> "contract and Java disagree on " + c);
        if (c.mustBe() != null) {
          assertEquals(c.mustBe(), chainSays, () -> "wrong verdict on " + c);
        }
        if (c.what().equals("valid")) {
          valid++;
        } else if (!chainSays) {
          rejected++;
        } else if (c.what().startsWith("size")) {
          wrongSizeAccepted++;
        }
      }
    }
    assertEquals(MAX_SIZE * (MAX_SIZE + 1) / 2, valid);
    assertTrue(rejected > 5_000, "rejected " + rejected);
    System.out.println(
        "inclusion on chain: "
            + valid
            + " valid proofs verified, "
            + rejected
            + " mutations rejected, "
            + wrongSizeAccepted
            + " wrong-size shapes accepted as in Java");
  }

  @Test
  void emptyPathVerifiesOnlyTheSingleLeafTree() {
    Bytes32 leaf = Bytes32.keccak(new byte[] {0});
    assertTrue(
        verifyAll(chain, registry, List.of(new Case("one leaf", leaf, 0, 1, List.of(), leaf, true)))
            .get(0));
    assertFalse(
        verifyAll(
                chain,
                registry,
                List.of(new Case("two leaves", leaf, 0, 2, List.of(), leaf, false)))
            .get(0));
  }

  static boolean javaVerifies(Case c) {
    try {
      return MerkleVerifier.rootFromInclusionProof(c.index(), c.size(), c.leaf(), c.path())
          .equals(c.root());
    } catch (ProofException e) {
      return false;
    }
  }

  /** Calls {@code verifyInclusion} for every case in one JSON-RPC batch. */
  static List<Boolean> verifyAll(LedgerChain chain, AnchorRegistry registry, List<Case> cases) {
    BatchRequest batch = chain.web3j.newBatch();
    for (Case c : cases) {
      List<byte[]> path = new ArrayList<>();
      for (Bytes32 p : c.path()) {
        path.add(p.bytes());
      }
      String data =
          registry
              .verifyInclusion(
                  c.leaf().bytes(),
                  BigInteger.valueOf(c.index()),
                  BigInteger.valueOf(c.size()),
                  path,
                  c.root().bytes())
              .encodeFunctionCall();
      batch.add(
          chain.web3j.ethCall(
              Transaction.createEthCallTransaction(
                  chain.address(0), registry.getContractAddress(), data),
              DefaultBlockParameterName.LATEST));
    }
    BatchResponse response;
    try {
      response = batch.send();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<? extends Response<?>> responses = response.getResponses();
    assertEquals(cases.size(), responses.size());
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < responses.size(); i++) {
      EthCall call = (EthCall) responses.get(i);
      Case c = cases.get(i);
      assertFalse(call.hasError(), () -> "verifyInclusion reverted on " + c);
      BigInteger word = new BigInteger(call.getValue().substring(2), 16);
      assertTrue(word.equals(BigInteger.ZERO) || word.equals(BigInteger.ONE), call.getValue());
      out.add(word.equals(BigInteger.ONE));
    }
    return out;
  }

  private static Bytes32 flip(Bytes32 value, Random random) {
    byte[] bytes = value.bytes().clone();
    int bit = random.nextInt(256);
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return new Bytes32(bytes);
  }
}
