package org.citygate.anchor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.citygate.anchor.ledger.InclusionProofOnChainTest.Case;
import org.citygate.anchor.ledger.contracts.AnchorRegistry;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.testkit.RepositoryRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared proof vectors ({@code proofs/vectors/proof-vectors.json}, the same file the Java tests
 * read) checked by the registry's {@code verifyInclusion} on a real node: every valid inclusion
 * vector passes and every adversarial one fails.
 */
class SharedVectorsOnChainTest {
  private static LedgerChain chain;
  private static AnchorRegistry registry;
  private static JsonNode vectors;

  @BeforeAll
  static void deploy() throws Exception {
    vectors =
        new ObjectMapper()
            .readTree(RepositoryRoot.find().resolve("proofs/vectors/proof-vectors.json").toFile());
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

  @Test
  void everyValidInclusionVectorVerifiesOnChain() {
    List<Case> cases = new ArrayList<>();
    for (JsonNode vector : vectors.get("inclusion")) {
      cases.add(toCase("valid", vector, true));
    }
    assertEquals(2080, cases.size(), "every index of every size 1..64");
    List<Boolean> verdicts = InclusionProofOnChainTest.verifyAll(chain, registry, cases);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      assertTrue(verdicts.get(i), () -> "the contract rejects valid vector " + c);
    }
  }

  @Test
  void everyAdversarialInclusionVectorFailsOnChain() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (JsonNode vector : vectors.get("invalid")) {
      if (vector.get("kind").asText().equals("inclusion")) {
        cases.add(toCase(vector.get("description").asText(), vector, false));
      }
    }
    assertTrue(cases.size() > 1_000, "adversarial inclusion vectors: " + cases.size());
    List<Boolean> verdicts = InclusionProofOnChainTest.verifyAll(chain, registry, cases);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      assertFalse(verdicts.get(i), () -> "the contract accepts adversarial vector " + c);
    }
  }

  private static Case toCase(String what, JsonNode vector, boolean mustBe) {
    List<Bytes32> path = new ArrayList<>();
    vector.get("path").forEach(p -> path.add(Bytes32.fromHex(p.asText())));
    return new Case(
        what,
        Bytes32.fromHex(vector.get("leafHash").asText()),
        vector.get("leafIndex").asLong(),
        vector.get("treeSize").asLong(),
        path,
        Bytes32.fromHex(vector.get("root").asText()),
        mustBe);
  }
}
