package org.citygate.anchor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.citygate.testkit.RepositoryRoot;
import org.junit.jupiter.api.Test;

/**
 * The committed ABI and bytecode ({@code src/main/resources/contracts}, and the test-only {@code
 * src/test/resources/test-contracts}) are what the pinned compiler makes of the Solidity sources
 * today: {@code node tools/compile-contracts.mjs --check} recompiles in memory and names every
 * stale file. Fails (never skips) when the npm tools are missing.
 */
class ContractArtifactsTest {
  @Test
  void committedArtifactsMatchAFreshCompile() throws IOException, InterruptedException {
    Path root = RepositoryRoot.find();
    if (!Files.isDirectory(root.resolve("tools/node_modules/solc"))
        || !Files.isDirectory(root.resolve("tools/node_modules/@openzeppelin/contracts"))) {
      fail(
          "no solc or @openzeppelin/contracts in tools/node_modules: run tools/install.sh"
              + " (the README's test command does)");
    }
    Process process =
        new ProcessBuilder("node", "tools/compile-contracts.mjs", "--check")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the compile did not finish in 120 s");
    assertEquals(
        0,
        process.exitValue(),
        () ->
            "contract artifacts are stale or do not compile; run node tools/compile-contracts.mjs"
                + " and commit the result:\n"
                + output);
  }
}
