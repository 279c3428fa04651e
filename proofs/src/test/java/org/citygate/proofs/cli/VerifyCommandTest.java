package org.citygate.proofs.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.citygate.proofs.anchor.AnchorEvent;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.bundle.ProofBundleJson;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.citygate.proofs.verify.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code citygate-verify} run in-process on every bundle of {@code proofs/vectors/bundles/} (as its
 * {@code manifest.json} describes them), on usage errors, and against a fake JSON-RPC ledger for
 * the on-chain anchor step.
 */
class VerifyCommandTest {
  private static final Path BUNDLES = Path.of("vectors", "bundles");
  private static final Path ANCHORED = BUNDLES.resolve("valid-anchored-decimal.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpServer ledger;
  private static String rpc;

  /** One run of the command: exit status and what it printed. */
  private record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = VerifyCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  // ---- every bundle of the manifest

  @TestFactory
  Stream<DynamicTest> everyBundleInTheManifest() throws IOException {
    JsonNode manifest = JSON.readTree(BUNDLES.resolve("manifest.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode entry : manifest.get("bundles")) {
      tests.add(dynamicTest(entry.get("file").asText(), () -> checkOffline(entry)));
    }
    assertTrue(tests.size() >= 30, "the manifest lists " + tests.size() + " bundles");
    return tests.stream();
  }

  private static void checkOffline(JsonNode entry) {
    String file = entry.get("file").asText();
    Path path = BUNDLES.resolve(file);
    assertTrue(Files.isRegularFile(path), path + " is listed but missing");
    int exit = entry.get("expectedExit").asInt();
    Run run = run(path.toString());
    assertEquals(exit, run.exit(), run::toString);
    switch (exit) {
      case VerifyCommand.UNCONFIRMED -> {
        assertTrue(file.startsWith("valid-") || file.startsWith("bad-anchor-"), file);
        assertTrue(run.out().contains("\nUNCONFIRMED " + path + ": "), run::toString);
        assertTrue(run.out().contains("not checked: trusted registry"), run::toString);
        assertFalse(run.out().contains("NOT VERIFIED"), run::toString);
        assertFalse(Pattern.compile("(?m)^\\s+FAIL\\s").matcher(run.out()).find(), run::toString);
        assertEquals("", run.err());
      }
      case VerifyCommand.FAILED -> {
        String label = entry.get("expectedFailingStep").asText();
        Step step = stepLabelled(label);
        assertTrue(
            file.startsWith("bad-" + kebab(step) + "-"), file + " is not named after " + step);
        assertFailed(run, path, label);
        assertEquals("", run.err());
      }
      case VerifyCommand.UNREADABLE -> {
        assertTrue(file.startsWith("unreadable-"), file);
        String error = entry.get("expectedError").asText();
        assertTrue(
            run.err().contains(path + ": not a valid proof bundle: " + error), run::toString);
        assertEquals("", run.out());
      }
      default -> throw new AssertionError("unexpected exit " + exit + " in the manifest");
    }
  }

  /** One FAIL line, naming the step; the steps after it not run; the NOT VERIFIED verdict. */
  private static void assertFailed(Run run, Path path, String label) {
    List<String> failLines = run.out().lines().filter(l -> l.matches("\\s+FAIL\\s.*")).toList();
    assertEquals(1, failLines.size(), run::toString);
    assertTrue(
        failLines.get(0).matches("\\s+FAIL\\s+" + Pattern.quote(label) + "\\s{2}.*"),
        run::toString);
    assertTrue(
        run.out().contains("NOT VERIFIED " + path + ": " + label + " failed"), run::toString);
    Step failed = stepLabelled(label);
    for (Step later : Step.values()) {
      if (later.ordinal() > failed.ordinal()) {
        assertTrue(
            run.out()
                .lines()
                .anyMatch(
                    l ->
                        l.matches("\\s+--\\s+" + Pattern.quote(later.label()) + "\\s+not run: .*")),
            () -> later + " should be 'not run'\n" + run);
      }
    }
  }

  // ---- usage

  @Test
  void noArgumentsIsAUsageError() {
    Run run = run();
    assertEquals(VerifyCommand.UNREADABLE, run.exit());
    assertTrue(run.err().contains("Missing required parameter: 'BUNDLE"), run::toString);
    assertTrue(run.err().contains("Try 'citygate-verify --help'"), run::toString);
    assertEquals("", run.out());
  }

  @Test
  void aMissingFileCannotBeRead() {
    Path missing = BUNDLES.resolve("no-such-bundle.json");
    Run run = run(missing.toString());
    assertEquals(VerifyCommand.UNREADABLE, run.exit());
    assertTrue(run.err().contains(missing + ": cannot read"), run::toString);
  }

  @Test
  void zeroConfirmationsIsAUsageError() {
    Run run = run("--confirmations", "0", ANCHORED.toString());
    assertEquals(VerifyCommand.UNREADABLE, run.exit());
    assertTrue(run.err().contains("--confirmations must be at least 1, got 0"), run::toString);
    assertEquals("", run.out());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run run = run("--offline", ANCHORED.toString());
    assertEquals(VerifyCommand.UNREADABLE, run.exit());
    assertTrue(run.err().contains("Unknown option: '--offline'"), run::toString);
  }

  @Test
  void helpExitsZero() {
    Run run = run("--help");
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("Usage: citygate-verify"), run::toString);
    assertTrue(run.out().contains("Exit status:"), run::toString);
    assertTrue(run.out().contains("--confirmations=N"), run::toString);
  }

  @Test
  void severalBundlesExitWithTheWorstStatus() {
    Path bad = BUNDLES.resolve("bad-batch-inclusion-salt-changed.json");
    Path unreadable = BUNDLES.resolve("unreadable-duplicate-key.json");
    Run failed = run(ANCHORED.toString(), bad.toString());
    assertEquals(VerifyCommand.FAILED, failed.exit(), failed::toString);
    assertTrue(failed.out().contains("UNCONFIRMED " + ANCHORED), failed::toString);
    assertTrue(failed.out().contains("NOT VERIFIED " + bad), failed::toString);
    Run worst = run(unreadable.toString(), bad.toString(), ANCHORED.toString());
    assertEquals(VerifyCommand.UNREADABLE, worst.exit(), worst::toString);
    assertTrue(worst.out().contains("NOT VERIFIED " + bad), "later bundles are still checked");
  }

  @Test
  void quietPrintsOnlyTheVerdicts() {
    Path bad = BUNDLES.resolve("bad-checkpoint-hash-wrong.json");
    Run run = run("--quiet", ANCHORED.toString(), bad.toString());
    assertEquals(VerifyCommand.FAILED, run.exit());
    assertEquals(
        List.of("UNCONFIRMED " + ANCHORED, "NOT VERIFIED " + bad + ": checkpoint failed"),
        run.out().lines().map(l -> l.replaceFirst(": every checked step passed.*", "")).toList(),
        run::toString);
  }

  // ---- the on-chain anchor step, against a fake ledger

  /**
   * A JSON-RPC endpoint that knows one transaction: the anchoring of {@code
   * valid-anchored-decimal.json}'s checkpoint at its stated block and log index, with the head 11
   * blocks above (12 confirmations).
   */
  @BeforeAll
  static void startLedger() throws IOException {
    ProofBundle bundle = ProofBundleJson.read(Files.readString(ANCHORED, UTF_8));
    ProofBundle.Anchor anchor = bundle.anchor().orElseThrow();
    Checkpoint checkpoint = bundle.epoch().orElseThrow().checkpoint();
    ObjectNode log = JSON.createObjectNode();
    log.put("logIndex", quantity(anchor.logIndex()));
    log.put("address", bundle.registry().toString().toLowerCase(Locale.ROOT));
    ArrayNode topics = log.putArray("topics");
    Arrays.stream(AnchorEvent.topics(checkpoint)).map(Bytes32::toHex).forEach(topics::add);
    log.put("data", Hex.encode(AnchorEvent.data(checkpoint)));
    ObjectNode receipt = JSON.createObjectNode();
    receipt.put("transactionHash", anchor.transactionHash().toHex());
    receipt.put("status", "0x1");
    receipt.put("blockNumber", quantity(anchor.blockNumber()));
    receipt.putArray("logs").add(log);

    ledger = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ledger.createContext(
        "/",
        exchange -> {
          JsonNode request;
          try (InputStream in = exchange.getRequestBody()) {
            request = JSON.readTree(in);
          }
          ObjectNode response = JSON.createObjectNode();
          response.put("jsonrpc", "2.0");
          response.set("id", request.get("id"));
          switch (request.get("method").asText()) {
            case "eth_chainId" -> response.put("result", quantity(bundle.chainId().longValue()));
            case "eth_blockNumber" -> response.put("result", quantity(anchor.blockNumber() + 11));
            case "eth_getTransactionReceipt" -> {
              boolean known =
                  request.get("params").get(0).asText().equals(anchor.transactionHash().toHex());
              response.set("result", known ? receipt : JSON.nullNode());
            }
            default -> response.putObject("error").put("code", -32601).put("message", "no method");
          }
          byte[] body = JSON.writeValueAsBytes(response);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    ledger.start();
    rpc = "http://127.0.0.1:" + ledger.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stopLedger() {
    ledger.stop(0);
  }

  private static String quantity(long value) {
    return "0x" + Long.toHexString(value);
  }

  @Test
  void anAnchoredBundleVerifiesFullyAgainstTheLedger() {
    Run run =
        run("--rpc", rpc, "--chain-id", chainId(), "--registry", registry(), ANCHORED.toString());
    assertEquals(VerifyCommand.VERIFIED, run.exit(), run::toString);
    assertTrue(run.out().contains("VERIFIED " + ANCHORED + ": every step passed"), run::toString);
    assertTrue(
        run.out().lines().anyMatch(l -> l.matches("\\s+ok\\s+on-chain anchor\\s+.*12 confirm.*")),
        run::toString);
  }

  @Test
  void tooFewConfirmationsFailTheAnchorStep() {
    Run run = run("--rpc", rpc, "--confirmations", "13", ANCHORED.toString());
    assertEquals(VerifyCommand.FAILED, run.exit(), run::toString);
    assertFailed(run, ANCHORED, Step.ANCHOR.label());
    assertTrue(run.out().contains("12 confirmation(s), want 13"), run::toString);
  }

  @Test
  void aBundleTheChainContradictsFailsTheAnchorStep() throws IOException {
    JsonNode manifest = JSON.readTree(BUNDLES.resolve("manifest.json").toFile());
    int checked = 0;
    for (JsonNode entry : manifest.get("bundles")) {
      if (entry.hasNonNull("expectedFailingStepWithChain")) {
        Path path = BUNDLES.resolve(entry.get("file").asText());
        Run run = run("--rpc", rpc, path.toString());
        assertEquals(VerifyCommand.FAILED, run.exit(), run::toString);
        assertFailed(run, path, entry.get("expectedFailingStepWithChain").asText());
        assertTrue(run.out().contains("the chain holds checkpoint"), run::toString);
        checked++;
      }
    }
    assertTrue(checked > 0, "no bundle in the manifest needs the chain");
  }

  @Test
  void aPendingBundleDoesNotAskTheLedger() {
    Path pending = BUNDLES.resolve("valid-pending.json");
    Run run = run("--rpc", "http://127.0.0.1:9/unreachable", pending.toString());
    assertEquals(VerifyCommand.UNCONFIRMED, run.exit(), run::toString);
    assertTrue(run.out().contains("pending"), run::toString);
  }

  @Test
  void aBundleForAnotherRegistryFailsTheTrustStep() {
    Run run =
        run(
            "--chain-id",
            chainId(),
            "--registry",
            "0x000000000000000000000000000000000000dEaD",
            ANCHORED.toString());
    assertEquals(VerifyCommand.FAILED, run.exit(), run::toString);
    assertFailed(run, ANCHORED, Step.TRUST_ROOT.label());
    assertTrue(run.out().contains("but the trusted ledger is chain"), run::toString);
    Run otherChain = run("--chain-id", "1", "--registry", registry(), ANCHORED.toString());
    assertEquals(VerifyCommand.FAILED, otherChain.exit(), otherChain::toString);
  }

  @Test
  void pinningWithoutTheChainStillLeavesTheAnchorUnchecked() {
    Run run = run("--chain-id", chainId(), "--registry", registry(), ANCHORED.toString());
    assertEquals(VerifyCommand.UNCONFIRMED, run.exit(), run::toString);
    assertTrue(
        run.out().lines().anyMatch(l -> l.matches("\\s+ok\\s+trusted registry\\s+.*as pinned")));
    assertTrue(run.out().contains("not checked: on-chain anchor"), run::toString);
  }

  @Test
  void chainIdAndRegistryGoTogether() {
    Run run = run("--chain-id", chainId(), ANCHORED.toString());
    assertEquals(VerifyCommand.UNREADABLE, run.exit(), run::toString);
    assertTrue(run.err().contains("--chain-id and --registry go together"), run::toString);
    Run badAddress = run("--chain-id", chainId(), "--registry", "0x1234", ANCHORED.toString());
    assertEquals(VerifyCommand.UNREADABLE, badAddress.exit(), badAddress::toString);
    assertTrue(badAddress.err().contains("not an address"), badAddress::toString);
  }

  private static String chainId() {
    return bundleField("chainId");
  }

  private static String registry() {
    return bundleField("registry");
  }

  private static String bundleField(String name) {
    try {
      return JSON.readTree(ANCHORED.toFile()).get(name).asText();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- helpers

  private static Step stepLabelled(String label) {
    return Arrays.stream(Step.values())
        .filter(s -> s.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step labelled '" + label + "'"));
  }

  private static String kebab(Step step) {
    return step.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
