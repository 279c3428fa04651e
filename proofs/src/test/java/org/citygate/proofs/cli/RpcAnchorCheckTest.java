package org.citygate.proofs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citygate.proofs.anchor.AnchorEvent;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.batch.BatchSealer;
import org.citygate.proofs.batch.SaltedReading;
import org.citygate.proofs.batch.SealedBatch;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.bundle.ProofBundleJson;
import org.citygate.proofs.bundle.ProofBundles;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.citygate.proofs.leaf.Salts;
import org.citygate.proofs.merkle.MerkleTree;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.citygate.proofs.verify.BundleVerifier;
import org.citygate.proofs.verify.Step;
import org.citygate.proofs.verify.StepResult;
import org.citygate.proofs.verify.TrustRoot;
import org.citygate.proofs.verify.VerificationReport;
import org.citygate.testkit.AnvilNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RpcAnchorCheck} against a real EVM node (anvil, one per class) and a real bundle: sealed
 * and signed batches, an epoch log over their batch leaves, a checkpoint, and the checkpoint's
 * event in a real transaction.
 *
 * <p>The anchor registry contract comes with a later issue, so a hand-assembled stand-in emits the
 * {@code CheckpointAnchored} log. Its runtime copies calldata into a {@code LOG3}, the first three
 * words as topics and the next three as data:
 *
 * <pre>
 * 60 60  60 60  60 00  37   CALLDATACOPY(mem 0, calldata 96, 96 bytes)
 * 60 40  35                 CALLDATALOAD(64)   topic 2
 * 60 20  35                 CALLDATALOAD(32)   topic 1
 * 60 00  35                 CALLDATALOAD(0)    topic 0
 * 60 60  60 00  a3          LOG3(mem 0, 96 bytes, topic 0, topic 1, topic 2)
 * 00                        STOP                                 22 = 0x16 bytes
 * </pre>
 *
 * Its init code returns that runtime: {@code 60 16 80 60 0b 60 00 39} (CODECOPY(mem 0, code 11, 22
 * bytes)) then {@code 60 00 f3} (RETURN(mem 0, 22 bytes)), 11 = 0x0b bytes. The calldata is {@code
 * topics(checkpoint) ‖ data(checkpoint)} from {@link AnchorEvent}, so the log is the one the
 * registry will emit.
 */
@Tag("anvil")
class RpcAnchorCheckTest {
  private static final long CHAIN_ID = 4242;
  private static final String EMITTER_RUNTIME = "0x6060606060003760403560203560003560606000a300";
  private static final String EMITTER_INIT =
      "0x601680600b6000396000f3" + EMITTER_RUNTIME.substring(2);

  /** A contract whose runtime is {@code REVERT(0, 0)}: same init code, 5-byte runtime. */
  private static final String REVERTER_INIT = "0x600580600b6000396000f3" + "60006000fd";

  /** anvil's dev account 1 key, here a gateway's signing key (a public test key). */
  private static final String GATEWAY_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  /** anvil's dev account 2 key, a second gateway. */
  private static final String OTHER_GATEWAY_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

  private static final long EPOCH = 7;
  private static final int READING_INDEX = 3;
  private static final long BATCH_INDEX = 2;

  private static AnvilNode anvil;
  private static Address registry;
  private static Checkpoint checkpoint;
  private static ProofBundle bundle;
  private static ProofBundle.Anchor anchor;

  @BeforeAll
  static void anchorARealBundle() {
    anvil = AnvilNode.start(CHAIN_ID);
    String emitter = anvil.deploy(EMITTER_INIT);
    assertEquals(EMITTER_RUNTIME, anvil.call("eth_getCode", emitter, "latest").asText());
    registry = Address.fromHex(emitter);

    BigInteger chainId = BigInteger.valueOf(CHAIN_ID);
    BatchSealer gateway =
        new BatchSealer(
            chainId, registry, Secp256k1PrivateKey.fromHex(GATEWAY_KEY), 0, Bytes32.ZERO);
    BatchSealer otherGateway =
        new BatchSealer(
            chainId, registry, Secp256k1PrivateKey.fromHex(OTHER_GATEWAY_KEY), 0, Bytes32.ZERO);
    // The epoch log: two earlier batches, ours (leaf 2), then one of another gateway.
    List<SealedBatch> batches = new ArrayList<>();
    batches.add(gateway.seal(readings("bay-11", 0, 4)));
    batches.add(otherGateway.seal(readings("bay-40", 0, 2)));
    batches.add(gateway.seal(readings("bay-12", 100, 6)));
    batches.add(otherGateway.seal(readings("bay-41", 7, 3)));
    List<byte[]> batchLeaves = new ArrayList<>();
    for (SealedBatch b : batches) {
      batchLeaves.add(b.batchLeaf().encode());
    }
    MerkleTree epochLog = MerkleTree.fromLeafData(batchLeaves);
    checkpoint =
        new Checkpoint(
            EPOCH,
            epochLog.root(),
            epochLog.size(),
            Bytes32.keccak("epoch 6".getBytes(StandardCharsets.UTF_8)));

    anchor = anchorFrom(emitter, AnchorEvent.topics(checkpoint), AnchorEvent.data(checkpoint));
    bundle =
        ProofBundles.anchored(
            batches.get((int) BATCH_INDEX),
            READING_INDEX,
            epochLog,
            BATCH_INDEX,
            checkpoint,
            Optional.of(anchor));
    VerificationReport offline = BundleVerifier.offline().verify(bundle);
    assertTrue(offline.verified(), () -> "the bundle must pass offline: " + offline.steps());
  }

  @AfterAll
  static void stopAnvil() {
    if (anvil != null) {
      anvil.close();
    }
  }

  // ---------------------------------------------------------------- the anchor holds

  @Test
  void anchoredCheckpointPasses() {
    StepResult result = check(bundle, 1);
    assertEquals(StepResult.Outcome.PASSED, result.outcome(), result.detail());
    assertEquals(Step.ANCHOR, result.step());
    assertContains(result, "checkpoint of epoch " + EPOCH);
    assertContains(result, "registry " + registry);
    assertContains(result, "in block " + anchor.blockNumber());
    assertContains(result, "on chain " + CHAIN_ID);

    VerificationReport report =
        BundleVerifier.withAnchorCheck(new RpcAnchorCheck(anvil.url(), 1))
            .trusting(new TrustRoot(bundle.chainId(), bundle.registry()))
            .verify(bundle);
    assertTrue(report.fullyVerified(), () -> report.steps().toString());
  }

  @Test
  void commandLineVerifiesTheBundleOnChain(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bundle.json");
    Files.writeString(file, ProofBundleJson.write(bundle), StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        VerifyCommand.run(
            new String[] {
              "--rpc",
              anvil.url().toString(),
              "--chain-id",
              bundle.chainId().toString(),
              "--registry",
              bundle.registry().toString(),
              file.toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertEquals(VerifyCommand.VERIFIED, status, () -> out + "\n" + err);
    assertTrue(out.toString().contains("VERIFIED"), out::toString);
    assertTrue(out.toString().contains("every step passed"), out::toString);

    StringWriter deepOut = new StringWriter();
    int deep =
        VerifyCommand.run(
            new String[] {
              "--rpc", anvil.url().toString(), "--confirmations", "1000000", file.toString()
            },
            new PrintWriter(deepOut),
            new PrintWriter(new StringWriter()));
    assertEquals(VerifyCommand.FAILED, deep, deepOut::toString);
    assertTrue(deepOut.toString().contains("NOT VERIFIED"), deepOut::toString);
  }

  // ---------------------------------------------------------------- the bundle is wrong

  @Test
  void bundleForAnotherChainFails() {
    StepResult result = check(with(bundle, BigInteger.valueOf(31337), registry, anchor), 1);
    assertFailed(result, "serves chain " + CHAIN_ID + ", but the bundle is for chain 31337");
  }

  @Test
  void unknownTransactionFails() {
    Bytes32 unknown = Bytes32.keccak("no such transaction".getBytes(StandardCharsets.UTF_8));
    StepResult result = check(withAnchor(unknown, anchor.blockNumber(), anchor.logIndex()), 1);
    assertFailed(result, "transaction " + unknown + " is not on this chain");
  }

  @Test
  void wrongBlockNumberFails() {
    long stated = anchor.blockNumber() + 1;
    StepResult result = check(withAnchor(anchor.transactionHash(), stated, anchor.logIndex()), 1);
    assertFailed(
        result,
        "the transaction is in block " + anchor.blockNumber() + ", the bundle states " + stated);
  }

  @Test
  void wrongLogIndexFails() {
    long stated = anchor.logIndex() + 1;
    StepResult result =
        check(withAnchor(anchor.transactionHash(), anchor.blockNumber(), stated), 1);
    assertFailed(result, "the transaction has no log with index " + stated);
  }

  /** An impostor contract emits the very same event: only the registry's own log counts. */
  @Test
  void eventFromAnotherContractThanTheRegistryFails() {
    String impostor = anvil.deploy(EMITTER_INIT);
    ProofBundle.Anchor fake =
        anchorFrom(impostor, AnchorEvent.topics(checkpoint), AnchorEvent.data(checkpoint));
    StepResult result = check(with(bundle, bundle.chainId(), registry, fake), 1);
    assertFailed(
        result,
        "the log was emitted by "
            + Address.fromHex(impostor)
            + ", not by the registry "
            + registry);
  }

  @Test
  void bundleNamingAnotherRegistryFails() {
    Address other = Address.fromHex("0x" + "12".repeat(20));
    StepResult result = check(with(bundle, bundle.chainId(), other, anchor), 1);
    assertFailed(result, "the log was emitted by " + registry + ", not by the registry " + other);
  }

  /** The registry anchored another checkpoint for the epoch (another root): not this bundle's. */
  @Test
  void anotherCheckpointAnchoredFails() {
    Checkpoint other =
        new Checkpoint(
            EPOCH,
            Bytes32.keccak("another root".getBytes(StandardCharsets.UTF_8)),
            checkpoint.size(),
            checkpoint.prevCheckpoint());
    ProofBundle.Anchor otherAnchor =
        anchorFrom(registry.toString(), AnchorEvent.topics(other), AnchorEvent.data(other));
    StepResult result = check(with(bundle, bundle.chainId(), registry, otherAnchor), 1);
    assertFailed(
        result,
        "the chain holds checkpoint "
            + other.hash()
            + " for epoch "
            + EPOCH
            + ", the bundle's checkpoint is "
            + checkpoint.hash());
  }

  @Test
  void checkpointAnchoredForAnotherEpochFails() {
    Checkpoint other =
        new Checkpoint(
            EPOCH + 1, checkpoint.root(), checkpoint.size(), checkpoint.prevCheckpoint());
    ProofBundle.Anchor otherAnchor =
        anchorFrom(registry.toString(), AnchorEvent.topics(other), AnchorEvent.data(other));
    StepResult result = check(with(bundle, bundle.chainId(), registry, otherAnchor), 1);
    assertFailed(result, "the log anchors another epoch than " + EPOCH);
  }

  /** Right topics, but the event's data (root, size, previous checkpoint) is another epoch's. */
  @Test
  void eventDataDisagreeingWithTheCheckpointFails() {
    Checkpoint other =
        new Checkpoint(
            EPOCH, checkpoint.root(), checkpoint.size() + 1, checkpoint.prevCheckpoint());
    ProofBundle.Anchor otherAnchor =
        anchorFrom(registry.toString(), AnchorEvent.topics(checkpoint), AnchorEvent.data(other));
    StepResult result = check(with(bundle, bundle.chainId(), registry, otherAnchor), 1);
    assertFailed(result, "the anchored root, size or previous checkpoint differ");
  }

  @Test
  void eventOfAnotherKindFails() {
    Bytes32[] topics = AnchorEvent.topics(checkpoint);
    topics[0] =
        Bytes32.keccak("Transfer(address,address,uint256)".getBytes(StandardCharsets.UTF_8));
    ProofBundle.Anchor otherAnchor =
        anchorFrom(registry.toString(), topics, AnchorEvent.data(checkpoint));
    StepResult result = check(with(bundle, bundle.chainId(), registry, otherAnchor), 1);
    assertFailed(result, "the log is not a CheckpointAnchored event");
  }

  @Test
  void revertedTransactionFails() {
    String reverter = anvil.deploy(REVERTER_INIT);
    ObjectNode tx = JsonNodeFactory.instance.objectNode();
    tx.put("from", AnvilNode.DEV_ACCOUNT_0);
    tx.put("to", reverter);
    tx.put("data", calldata(AnchorEvent.topics(checkpoint), AnchorEvent.data(checkpoint)));
    tx.put("gas", "0x30000"); // explicit, so the node does not refuse to estimate a revert
    JsonNode receipt = anvil.sendTransaction(tx);
    assertEquals(BigInteger.ZERO, AnvilNode.quantity(receipt.get("status")));
    Bytes32 hash = Bytes32.fromHex(receipt.get("transactionHash").asText());
    StepResult result =
        check(withAnchor(hash, AnvilNode.quantity(receipt.get("blockNumber")).longValue(), 0), 1);
    assertFailed(result, "transaction " + hash + " reverted");
  }

  // ---------------------------------------------------------------- the ledger

  /**
   * A fresh anchor sits in the newest block: one confirmation. Five are asked for, so it fails
   * until four more blocks are mined.
   */
  @Test
  void tooFewConfirmationsFailUntilMoreBlocksAreMined() {
    ProofBundle.Anchor fresh =
        anchorFrom(
            registry.toString(), AnchorEvent.topics(checkpoint), AnchorEvent.data(checkpoint));
    ProofBundle recent = with(bundle, bundle.chainId(), registry, fresh);
    assertEquals(fresh.blockNumber(), anvil.blockNumber(), "the anchor is in the newest block");

    assertFailed(
        check(recent, 5), "block " + fresh.blockNumber() + " has 1 confirmation(s), want 5");
    anvil.mine(3);
    assertFailed(
        check(recent, 5), "block " + fresh.blockNumber() + " has 4 confirmation(s), want 5");
    anvil.mine(1);
    StepResult result = check(recent, 5);
    assertEquals(StepResult.Outcome.PASSED, result.outcome(), result.detail());
    assertContains(result, "(5 confirmation(s))");
  }

  @Test
  void unreachableNodeFails() {
    URI closed = URI.create("http://127.0.0.1:" + AnvilNode.freePort());
    StepResult result = new RpcAnchorCheck(closed, 1).check(bundle);
    assertFailed(result, "cannot check the ledger at " + closed + ": cannot connect");
    assertFalse(result.detail().contains("null"), result.detail());
  }

  // ---------------------------------------------------------------- helpers

  private static StepResult check(ProofBundle b, int confirmations) {
    return new RpcAnchorCheck(anvil.url(), confirmations).check(b);
  }

  /**
   * Emits a log with {@code topics} and {@code data} from the emitter contract at {@code contract}
   * and returns where it is: transaction, block, log index from the receipt.
   */
  private static ProofBundle.Anchor anchorFrom(String contract, Bytes32[] topics, byte[] data) {
    JsonNode receipt =
        anvil.sendTransaction(AnvilNode.DEV_ACCOUNT_0, contract, calldata(topics, data));
    assertEquals(BigInteger.ONE, AnvilNode.quantity(receipt.get("status")), receipt::toString);
    JsonNode logs = receipt.get("logs");
    assertEquals(1, logs.size(), receipt::toString);
    return new ProofBundle.Anchor(
        Bytes32.fromHex(receipt.get("transactionHash").asText()),
        AnvilNode.quantity(receipt.get("blockNumber")).longValueExact(),
        AnvilNode.quantity(logs.get(0).get("logIndex")).longValueExact());
  }

  /** The emitter's calldata: the three topics, then the event data. */
  private static String calldata(Bytes32[] topics, byte[] data) {
    StringBuilder hex = new StringBuilder("0x");
    for (Bytes32 topic : topics) {
      hex.append(topic.toHex(), 2, 66);
    }
    return hex.append(Hex.encode(data).substring(2)).toString();
  }

  private static ProofBundle withAnchor(Bytes32 transaction, long block, long logIndex) {
    return with(
        bundle, bundle.chainId(), registry, new ProofBundle.Anchor(transaction, block, logIndex));
  }

  /** {@code b} with another chain id, registry or anchor (the rest as it is). */
  private static ProofBundle with(
      ProofBundle b, BigInteger chainId, Address registryAddress, ProofBundle.Anchor at) {
    return new ProofBundle(
        chainId,
        registryAddress,
        b.reading(),
        b.readingProof(),
        b.batch(),
        b.epoch(),
        Optional.of(at));
  }

  /** {@code count} parking-bay readings of one device, sequence numbers from {@code firstSeq}. */
  private static List<SaltedReading> readings(String device, long firstSeq, int count) {
    byte[] subjectKey = ("subject key of " + device).getBytes(StandardCharsets.UTF_8);
    List<SaltedReading> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long seq = firstSeq + i;
      CanonicalReading reading =
          new CanonicalReading(
              "citygate/parking-radar-senml@1",
              device,
              seq,
              1_763_790_000_000L + 60_000L * i,
              List.of(
                  new Measurement("occupied", "", new MeasurementValue.Flag(i % 2 == 0)),
                  new Measurement("distance", "cm", new MeasurementValue.Decimal(121 + i, 0))));
      out.add(new SaltedReading(reading, Salts.derive(subjectKey, Salts.readingId(device, seq))));
    }
    return out;
  }

  private static void assertFailed(StepResult result, String expected) {
    assertEquals(Step.ANCHOR, result.step());
    assertEquals(StepResult.Outcome.FAILED, result.outcome(), result.detail());
    assertContains(result, expected);
  }

  private static void assertContains(StepResult result, String expected) {
    assertTrue(
        result.detail().contains(expected),
        () -> "detail '" + result.detail() + "' should contain '" + expected + "'");
  }
}
