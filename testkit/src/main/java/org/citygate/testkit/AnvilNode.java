package org.citygate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real EVM node for tests: anvil ({@code tools/node_modules/.bin/anvil}, pinned in {@code
 * tools/package.json}) as a child process on a free loopback port, with the cancun hardfork and a
 * chosen chain id, and a minimal JSON-RPC client over the JDK's HTTP client (no web3j).
 *
 * <p>Starts in about 0.1 s. Every transaction is mined in its own block (automine); {@link
 * #sendTransaction} returns its receipt. {@link #close()} kills the node.
 *
 * <pre>{@code
 * try (AnvilNode anvil = AnvilNode.start(4242)) {
 *   JsonNode receipt = anvil.sendTransaction(AnvilNode.DEV_ACCOUNT_0, null, initCode);
 * }
 * }</pre>
 */
public final class AnvilNode implements AutoCloseable {
  /**
   * anvil's unlocked dev account 0, from the mnemonic {@code test test ... junk}: 10,000 ether, a
   * public test key.
   */
  public static final String DEV_ACCOUNT_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final URI url;
  private final long chainId;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CALL_TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final AtomicInteger requestId = new AtomicInteger();

  private AnvilNode(Process process, Path log, URI url, long chainId) {
    this.process = process;
    this.log = log;
    this.url = url;
    this.chainId = chainId;
  }

  /**
   * Starts anvil with {@code --chain-id chainId} and waits until it answers {@code eth_chainId}.
   *
   * @throws IllegalStateException when the binary is missing (run {@code tools/install.sh}) or the
   *     node does not come up; the message holds anvil's output
   */
  public static AnvilNode start(long chainId) {
    Path binary = RepositoryRoot.find().resolve("tools/node_modules/.bin/anvil");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "no anvil at "
              + binary
              + ": run tools/install.sh first (the README's test command does); anvil is"
              + " published for linux x86-64 only");
    }
    IllegalStateException failure = null;
    // A free port found by binding port 0 may be taken by someone else before anvil binds it:
    // try again on another port.
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return startOn(binary, FreePort.pick(), chainId);
      } catch (IllegalStateException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  private static AnvilNode startOn(Path binary, int port, long chainId) {
    Path log;
    Process process;
    try {
      log = Files.createTempFile("anvil-" + port + "-", ".log");
      process =
          new ProcessBuilder(
                  binary.toString(),
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port),
                  "--hardfork",
                  "cancun",
                  "--chain-id",
                  Long.toString(chainId))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
    }
    AnvilNode node = new AnvilNode(process, log, URI.create("http://127.0.0.1:" + port), chainId);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        String output = node.output();
        node.close();
        throw new IllegalStateException(
            "anvil exited with " + process.exitValue() + " on port " + port + ": " + output);
      }
      try {
        BigInteger answered = quantity(node.call("eth_chainId"));
        if (answered.longValueExact() != chainId) {
          node.close();
          throw new IllegalStateException(
              "anvil on port " + port + " answers chain " + answered + ", want " + chainId);
        }
        return node;
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        String output = node.output();
        node.close();
        throw new IllegalStateException(
            "anvil did not answer eth_chainId within " + START_TIMEOUT + ": " + output);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        node.close();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting anvil", e);
      }
    }
  }

  /** The JSON-RPC endpoint, {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return url;
  }

  /** The chain id the node was started with. */
  public long chainId() {
    return chainId;
  }

  /**
   * Calls {@code method} with {@code params} (strings, numbers, maps, lists: anything Jackson
   * serialises) and returns the {@code result}.
   *
   * @throws IllegalStateException when the node answers with a JSON-RPC error
   * @throws UncheckedIOException when the node cannot be reached
   */
  public JsonNode call(String method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", requestId.incrementAndGet());
    request.put("method", method);
    ArrayNode array = request.putArray("params");
    for (Object param : params) {
      array.add(JSON.<JsonNode>valueToTree(param));
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(CALL_TIMEOUT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " to " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method, e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          method + ": HTTP " + response.statusCode() + ", not JSON: " + response.body(), e);
    }
    if (body.hasNonNull("error")) {
      throw new IllegalStateException(method + " failed: " + body.get("error"));
    }
    if (!body.has("result")) {
      throw new IllegalStateException(method + ": HTTP " + response.statusCode() + ", " + body);
    }
    return body.get("result");
  }

  /**
   * Sends a transaction from an unlocked dev account ({@code eth_sendTransaction}) and returns its
   * receipt once it is mined (see {@link #receipt(String)}).
   *
   * @param from the sender, e.g. {@link #DEV_ACCOUNT_0}
   * @param to the callee, or {@code null} to deploy {@code data} as init code
   * @param data {@code 0x} hex calldata or init code
   */
  public JsonNode sendTransaction(String from, String to, String data) {
    ObjectNode tx = JSON.createObjectNode();
    tx.put("from", from);
    if (to != null) {
      tx.put("to", to);
    }
    tx.put("data", data);
    return sendTransaction(tx);
  }

  /**
   * Sends {@code tx} (an {@code eth_sendTransaction} object: {@code from}, {@code to}, {@code
   * data}, {@code gas}, ...) and returns its receipt.
   */
  public JsonNode sendTransaction(ObjectNode tx) {
    String hash = call("eth_sendTransaction", tx).asText();
    return receipt(hash);
  }

  /**
   * The receipt of transaction {@code hash}, polled every few milliseconds: anvil answers {@code
   * eth_sendTransaction} before its automine has sealed the block, so the receipt can lag a little.
   *
   * @throws IllegalStateException when there is none after 10 s
   */
  public JsonNode receipt(String hash) {
    long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
    while (true) {
      JsonNode receipt = call("eth_getTransactionReceipt", hash);
      if (!receipt.isNull()) {
        return receipt;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no receipt for " + hash + " after " + RECEIPT_TIMEOUT + " (is automine off?)");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + hash, e);
      }
    }
  }

  /**
   * Deploys {@code initCode} from {@link #DEV_ACCOUNT_0} and returns the new contract's address.
   */
  public String deploy(String initCode) {
    JsonNode receipt = sendTransaction(DEV_ACCOUNT_0, null, initCode);
    if (!BigInteger.ONE.equals(quantity(receipt.get("status")))) {
      throw new IllegalStateException("deployment reverted: " + receipt);
    }
    return receipt.get("contractAddress").asText();
  }

  /** Mines {@code blocks} empty blocks ({@code anvil_mine}). */
  public void mine(int blocks) {
    call("anvil_mine", "0x" + Integer.toHexString(blocks));
  }

  /** The latest block number ({@code eth_blockNumber}). */
  public long blockNumber() {
    return quantity(call("eth_blockNumber")).longValueExact();
  }

  /** A JSON-RPC quantity ({@code "0x1a"}) as a number. */
  public static BigInteger quantity(JsonNode node) {
    if (node == null || !node.isTextual() || !node.asText().startsWith("0x")) {
      throw new IllegalArgumentException("not a JSON-RPC quantity: " + node);
    }
    return new BigInteger(node.asText().substring(2), 16);
  }

  /** What anvil printed so far (for failure messages), at most the last 4,000 characters. */
  public String output() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Kills the node and waits for it to end; deletes its log. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a temp file; nothing to do
    }
  }

  /** A loopback port that was free a moment ago; see {@link FreePort#pick()}. */
  public static int freePort() {
    return FreePort.pick();
  }
}
