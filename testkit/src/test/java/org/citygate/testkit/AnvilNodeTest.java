package org.citygate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AnvilNodeTest {
  @Test
  void startsAnswersAndMines() {
    try (AnvilNode anvil = AnvilNode.start(4242)) {
      assertEquals(4242, anvil.chainId());
      assertEquals(4242, AnvilNode.quantity(anvil.call("eth_chainId")).longValueExact());
      long before = anvil.blockNumber();
      anvil.mine(3);
      assertEquals(before + 3, anvil.blockNumber());
    }
  }

  @Test
  void repositoryRootHoldsTheTools() {
    assertEquals(
        true,
        java.nio.file.Files.isRegularFile(RepositoryRoot.find().resolve("tools/package.json")));
  }
}
