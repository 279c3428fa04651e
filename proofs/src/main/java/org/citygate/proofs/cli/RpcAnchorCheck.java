package org.citygate.proofs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.citygate.proofs.anchor.AnchorEvent;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.citygate.proofs.verify.AnchorCheck;
import org.citygate.proofs.verify.Step;
import org.citygate.proofs.verify.StepResult;

/**
 * Checks a bundle's anchor against an EVM node over plain JSON-RPC ({@code eth_chainId}, {@code
 * eth_getTransactionReceipt}, {@code eth_blockNumber}); the JDK's HTTP client is enough, so the
 * verifier needs no ledger library.
 *
 * <p>The anchor holds when the transaction succeeded in the stated block, its log at the stated
 * index was emitted by the bundle's registry with the {@link AnchorEvent} layout for exactly this
 * checkpoint, and the block is buried under the required number of confirmations.
 */
final class RpcAnchorCheck implements AnchorCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final int confirmations;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();
  private int requestId;

  RpcAnchorCheck(URI endpoint, int confirmations) {
    this.endpoint = endpoint;
    this.confirmations = confirmations;
  }

  @Override
  public StepResult check(ProofBundle bundle) {
    ProofBundle.Anchor anchor = bundle.anchor().orElseThrow();
    Checkpoint checkpoint = bundle.epoch().orElseThrow().checkpoint();
    try {
      BigInteger chainId = quantity(call("eth_chainId"));
      if (!chainId.equals(bundle.chainId())) {
        return failed(
            "the node at "
                + endpoint
                + " serves chain "
                + chainId
                + ", but the bundle is for chain "
                + bundle.chainId());
      }
      JsonNode receipt = call("eth_getTransactionReceipt", anchor.transactionHash().toHex());
      if (receipt.isNull()) {
        return failed("transaction " + anchor.transactionHash() + " is not on this chain");
      }
      if (!BigInteger.ONE.equals(quantity(receipt.get("status")))) {
        return failed("transaction " + anchor.transactionHash() + " reverted");
      }
      long block = quantity(receipt.get("blockNumber")).longValueExact();
      if (block != anchor.blockNumber()) {
        return failed(
            "the transaction is in block " + block + ", the bundle states " + anchor.blockNumber());
      }
      JsonNode log = findLog(receipt.get("logs"), anchor.logIndex());
      if (log == null) {
        return failed("the transaction has no log with index " + anchor.logIndex());
      }
      String mismatch = compareLog(log, bundle.registry(), checkpoint);
      if (mismatch != null) {
        return failed(mismatch);
      }
      long depth = quantity(call("eth_blockNumber")).longValueExact() - block + 1;
      if (depth < confirmations) {
        return failed(
            "block " + block + " has " + depth + " confirmation(s), want " + confirmations);
      }
      return StepResult.passed(
          Step.ANCHOR,
          new StringBuilder("checkpoint of epoch ")
              .append(checkpoint.epoch())
              .append(" anchored by registry ")
              .append(bundle.registry())
              .append(" in block ")
              .append(block)
              .append(" (")
              .append(depth)
              .append(" confirmation(s)) on chain ")
              .append(chainId)
              .toString());
    } catch (IOException | RuntimeException e) {
      return failed("cannot check the ledger at " + endpoint + ": " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted while asking the ledger at " + endpoint);
    }
  }

  private static JsonNode findLog(JsonNode logs, long logIndex) {
    if (logs == null || !logs.isArray()) {
      return null;
    }
    for (JsonNode log : logs) {
      if (BigInteger.valueOf(logIndex).equals(quantity(log.get("logIndex")))) {
        return log;
      }
    }
    return null;
  }

  private static String compareLog(JsonNode log, Address registry, Checkpoint checkpoint) {
    Address emitter = Address.fromHex(log.get("address").asText());
    if (!emitter.equals(registry)) {
      return "the log was emitted by " + emitter + ", not by the registry " + registry;
    }
    Bytes32[] want = AnchorEvent.topics(checkpoint);
    JsonNode topics = log.get("topics");
    if (topics == null || topics.size() != want.length) {
      return "the log is not a CheckpointAnchored event";
    }
    if (!Bytes32.fromHex(topics.get(0).asText()).equals(want[0])) {
      return "the log is not a CheckpointAnchored event";
    }
    if (!Bytes32.fromHex(topics.get(1).asText()).equals(want[1])) {
      return "the log anchors another epoch than " + checkpoint.epoch();
    }
    Bytes32 anchored = Bytes32.fromHex(topics.get(2).asText());
    if (!anchored.equals(want[2])) {
      return "the chain holds checkpoint "
          + anchored
          + " for epoch "
          + checkpoint.epoch()
          + ", the bundle's checkpoint is "
          + want[2];
    }
    if (!Arrays.equals(Hex.decode(log.get("data").asText()), AnchorEvent.data(checkpoint))) {
      return "the anchored root, size or previous checkpoint differ from the bundle's";
    }
    return null;
  }

  private JsonNode call(String method, String... params) throws IOException, InterruptedException {
    ObjectNode request = json.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ++requestId);
    request.put("method", method);
    ArrayNode array = request.putArray("params");
    for (String param : params) {
      array.add(param);
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(method + " answered HTTP " + response.statusCode());
    }
    JsonNode body = json.readTree(response.body());
    if (body.hasNonNull("error")) {
      throw new IOException(method + " failed: " + body.get("error").path("message").asText());
    }
    JsonNode result = body.get("result");
    if (result == null) {
      throw new IOException(method + " returned no result");
    }
    return result;
  }

  private static BigInteger quantity(JsonNode node) {
    if (node == null || !node.isTextual() || !node.asText().startsWith("0x")) {
      throw new IllegalArgumentException("expected a hex quantity, got " + node);
    }
    return new BigInteger(node.asText().substring(2), 16);
  }

  /**
   * Why a call failed, in words: the JDK's HTTP client throws a {@link ConnectException} without a
   * message when nothing listens, which would otherwise read "null".
   */
  private static String reason(Exception e) {
    String message = e.getMessage();
    if (e instanceof ConnectException) {
      return "cannot connect" + (message == null ? "" : " (" + message + ")");
    }
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static StepResult failed(String detail) {
    return StepResult.failed(Step.ANCHOR, detail);
  }
}
