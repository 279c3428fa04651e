package org.citygate.anchor.ledger;

import static org.citygate.anchor.ledger.LedgerChain.send;
import static org.citygate.anchor.ledger.LedgerChain.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citygate.anchor.ledger.contracts.AnchorRegistry;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.batch.BatchSealer;
import org.citygate.proofs.batch.SaltedReading;
import org.citygate.proofs.batch.SealedBatch;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.bundle.ProofBundleJson;
import org.citygate.proofs.bundle.ProofBundles;
import org.citygate.proofs.cli.VerifyCommand;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.leaf.BatchLeaf;
import org.citygate.proofs.leaf.ReadingLeaf;
import org.citygate.proofs.leaf.Salts;
import org.citygate.proofs.merkle.InclusionProof;
import org.citygate.proofs.merkle.MerkleTree;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Two-level reading proofs on chain: gateways seal signed batches with {@link BatchSealer}, the
 * batch leaves form a two-epoch log whose checkpoints are anchored by the real registry, and every
 * reading verifies through the registry's {@code verifyReading}; each kind of damage is named by
 * {@code checkReading}. Then a proof bundle, assembled with {@link ProofBundles} from the anchor
 * transaction's receipt, passes {@code citygate-verify --rpc} against the same registry.
 */
class ReadingProofOnChainTest {
  private static final long CHAIN_ID = 4242;
  private static final BigInteger FOREVER = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Readings are taken from this time on (2023-11-14), long before the chain's clock. */
  private static final long READINGS_FROM_MILLIS = 1_700_000_000_000L;

  private static final int VALID = 0;
  private static final int READING_NOT_IN_BATCH = 1;
  private static final int BATCH_NOT_IN_EPOCH = 2;
  private static final int EPOCH_NOT_ANCHORED = 3;
  private static final int GATEWAY_NOT_ACTIVE = 4;

  private static LedgerChain chain;
  private static AnchorRegistry registry;
  private static Address registryAddress;
  private static final List<SealedBatch> batches = new ArrayList<>();
  private static MerkleTree epochLog;
  private static Checkpoint epoch0;
  private static Checkpoint epoch1;
  private static TransactionReceipt anchor1;

  @BeforeAll
  static void anchorTwoEpochs() throws Exception {
    chain = LedgerChain.start(CHAIN_ID);
    registry =
        AnchorRegistry.deploy(chain.web3j, chain.manager(0), LedgerChain.GAS, chain.address(0))
            .send();
    registryAddress = Address.fromHex(registry.getContractAddress());
    send(registry.grantRole(view(registry.ANCHORER_ROLE()), chain.address(0)));
    send(registry.grantRole(view(registry.REGISTRAR_ROLE()), chain.address(0)));

    Secp256k1PrivateKey a = AnchorRegistryTest.gatewayKey("parking gateway");
    Secp256k1PrivateKey b = AnchorRegistryTest.gatewayKey("meter gateway");
    long validFrom = READINGS_FROM_MILLIS / 1000;
    for (Secp256k1PrivateKey key : List.of(a, b)) {
      send(
          registry.registerGateway(
              key.address().toString(),
              AnchorRegistryTest.keccak("metadata of " + key.address()),
              BigInteger.valueOf(validFrom),
              FOREVER));
    }
    BigInteger chainId = BigInteger.valueOf(CHAIN_ID);
    BatchSealer sealerA = new BatchSealer(chainId, registryAddress, a, 0, Bytes32.ZERO);
    BatchSealer sealerB = new BatchSealer(chainId, registryAddress, b, 0, Bytes32.ZERO);
    // epoch 0: three batches; epoch 1: three more (the log is append-only)
    batches.add(sealerA.seal(readings("bay-1", 0, 5)));
    batches.add(sealerB.seal(readings("meter-9", 0, 1)));
    batches.add(sealerA.seal(readings("bay-2", 0, 8)));
    batches.add(sealerB.seal(readings("meter-9", 1, 3)));
    batches.add(sealerA.seal(readings("bay-1", 5, 7)));
    batches.add(sealerA.seal(readings("bay-3", 0, 2)));
    List<byte[]> leaves = new ArrayList<>();
    for (SealedBatch batch : batches) {
      leaves.add(batch.batchLeaf().encode());
    }
    epochLog = MerkleTree.fromLeafData(leaves);
    epoch0 = new Checkpoint(0, epochLog.rootAt(3), 3, Bytes32.ZERO);
    epoch1 = new Checkpoint(1, epochLog.rootAt(6), 6, epoch0.hash());
    anchor(epoch0);
    anchor1 = anchor(epoch1);
  }

  @AfterAll
  static void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void everyReadingOfEveryBatchVerifiesOnChain() {
    int verified = 0;
    for (int b = 0; b < batches.size(); b++) {
      Checkpoint checkpoint = b < 3 ? epoch0 : epoch1;
      for (int r = 0; r < batches.get(b).readings().size(); r++) {
        Proof proof = Proof.of(b, r, checkpoint);
        assertEquals(VALID, proof.check(), "batch " + b + " reading " + r);
        assertTrue(proof.verify(), "batch " + b + " reading " + r);
        verified++;
      }
    }
    // a batch of epoch 0 is also in the log at epoch 1
    assertEquals(VALID, Proof.of(1, 0, epoch1).check());
    assertEquals(26, verified);
  }

  @Test
  void batchLeavesVerifyInTheAnchoredEpochLog() {
    for (int b = 0; b < batches.size(); b++) {
      Bytes32 leaf = batches.get(b).batchLeaf().leafHash();
      assertTrue(epochInclusion(leaf, b, epoch1), "batch " + b + " in epoch 1");
      if (b < 3) {
        assertTrue(epochInclusion(leaf, b, epoch0), "batch " + b + " in epoch 0");
      } else {
        assertFalse(epochInclusion(leaf, 0, b, epoch0), "batch " + b + " is not in epoch 0");
      }
    }
    Bytes32 leaf = batches.get(2).batchLeaf().leafHash();
    assertFalse(epochInclusion(leaf, 2, 1, epoch1), "wrong index");
    // the right log, but not as anchored: another previous checkpoint, or not anchored at all
    assertFalse(
        epochInclusion(
            leaf, 2, new Checkpoint(1, epoch1.root(), 6, Bytes32.keccak(new byte[] {9}))));
    assertFalse(epochInclusion(leaf, 2, new Checkpoint(7, epoch1.root(), 6, epoch1.hash())));
  }

  private static boolean epochInclusion(Bytes32 leaf, long index, Checkpoint epoch) {
    return epochInclusion(leaf, index, index, epoch);
  }

  /**
   * verifyEpochInclusion of {@code leaf} at {@code claimedIndex}, with the path of {@code index}.
   */
  private static boolean epochInclusion(
      Bytes32 leaf, long index, long claimedIndex, Checkpoint epoch) {
    List<byte[]> path = new ArrayList<>();
    for (Bytes32 p : epochLog.inclusionProof(index, epoch.size()).path()) {
      path.add(p.bytes());
    }
    return view(
        registry.verifyEpochInclusion(
            leaf.bytes(), BigInteger.valueOf(claimedIndex), path, AnchorRegistryTest.epoch(epoch)));
  }

  @Test
  void eachKindOfDamageIsNamed() {
    Proof good = Proof.of(4, 3, epoch1);
    assertEquals(VALID, good.check());
    // the reading
    assertEquals(READING_NOT_IN_BATCH, good.withSalt(Bytes32.keccak(new byte[] {1})).check());
    assertEquals(
        READING_NOT_IN_BATCH, good.withTimestamp(good.reading.timestampMillis() + 1).check());
    assertEquals(READING_NOT_IN_BATCH, good.withReadingIndex(4).check());
    assertEquals(READING_NOT_IN_BATCH, good.withReadingIndex(7).check());
    assertEquals(
        READING_NOT_IN_BATCH,
        good.withReadingPath(good.readingPath.subList(1, good.readingPath.size())).check());
    // another gateway's batch: the reading leaf commits to its gateway
    assertEquals(READING_NOT_IN_BATCH, good.withBatch(Proof.of(3, 0, epoch1).batch).check());
    // the batch
    BatchLeaf b = good.batch;
    assertEquals(
        BATCH_NOT_IN_EPOCH,
        good.withBatch(
                new BatchLeaf(
                    b.chainId(),
                    b.registry(),
                    b.gateway(),
                    b.batchSeq() + 1,
                    b.batchRoot(),
                    b.batchSize(),
                    b.headerSigHash()))
            .check());
    assertEquals(
        BATCH_NOT_IN_EPOCH,
        good.withBatch(
                new BatchLeaf(
                    b.chainId(),
                    b.registry(),
                    b.gateway(),
                    b.batchSeq(),
                    b.batchRoot(),
                    b.batchSize(),
                    Bytes32.keccak(new byte[] {2})))
            .check());
    assertEquals(BATCH_NOT_IN_EPOCH, good.withBatchIndex(3).check());
    assertEquals(BATCH_NOT_IN_EPOCH, good.withBatchIndex(6).check());
    // the epoch: right log, wrong anchoring
    assertEquals(
        EPOCH_NOT_ANCHORED,
        good.withEpoch(new Checkpoint(1, epoch1.root(), 6, Bytes32.keccak(new byte[] {3})))
            .check());
    assertEquals(
        EPOCH_NOT_ANCHORED,
        good.withEpoch(new Checkpoint(2, epoch1.root(), 6, epoch1.hash())).check());
    assertEquals(
        EPOCH_NOT_ANCHORED,
        good.withEpoch(new Checkpoint(0, epoch1.root(), 6, Bytes32.ZERO)).check());
    // an earlier epoch, which the batch is not in
    assertEquals(BATCH_NOT_IN_EPOCH, good.withEpoch(epoch0).check());
    assertFalse(good.withEpoch(epoch0).verify());
  }

  @Test
  void aReadingAfterItsGatewayWasRevokedIsNotValid() {
    Secp256k1PrivateKey key = AnchorRegistryTest.gatewayKey("revoked later");
    long now = chain.latestTimestamp();
    send(
        registry.registerGateway(
            key.address().toString(), new byte[32], BigInteger.valueOf(now - 10_000), FOREVER));
    long revokedAt = now + 10;
    chain.setNextBlockTimestamp(revokedAt);
    send(registry.revokeGateway(key.address().toString()));

    BatchSealer sealer =
        new BatchSealer(BigInteger.valueOf(CHAIN_ID), registryAddress, key, 0, Bytes32.ZERO);
    List<SaltedReading> readings = new ArrayList<>();
    readings.add(reading("bay-77", 0, (revokedAt - 1) * 1000 + 999)); // last valid millisecond
    readings.add(reading("bay-77", 1, revokedAt * 1000)); // the revocation second
    readings.add(reading("bay-77", 2, (revokedAt + 3600) * 1000));
    SealedBatch batch = sealer.seal(readings);
    // epoch 2 appends this batch to the log
    List<byte[]> leaves = new ArrayList<>();
    for (SealedBatch b : batches) {
      leaves.add(b.batchLeaf().encode());
    }
    leaves.add(batch.batchLeaf().encode());
    MerkleTree log = MerkleTree.fromLeafData(leaves);
    Checkpoint epoch2 = new Checkpoint(2, log.root(), log.size(), epoch1.hash());
    anchor(epoch2);

    assertEquals(VALID, Proof.of(batch, 0, log, 6, epoch2).check());
    assertEquals(GATEWAY_NOT_ACTIVE, Proof.of(batch, 1, log, 6, epoch2).check());
    assertEquals(GATEWAY_NOT_ACTIVE, Proof.of(batch, 2, log, 6, epoch2).check());
    assertFalse(Proof.of(batch, 2, log, 6, epoch2).verify());

    // A gateway that was never registered
    Secp256k1PrivateKey stranger = AnchorRegistryTest.gatewayKey("stranger");
    SealedBatch strangers =
        new BatchSealer(BigInteger.valueOf(CHAIN_ID), registryAddress, stranger, 0, Bytes32.ZERO)
            .seal(List.of(reading("bay-99", 0, READINGS_FROM_MILLIS)));
    leaves.add(strangers.batchLeaf().encode());
    MerkleTree longer = MerkleTree.fromLeafData(leaves);
    Checkpoint epoch3 = new Checkpoint(3, longer.root(), longer.size(), epoch2.hash());
    anchor(epoch3);
    assertEquals(GATEWAY_NOT_ACTIVE, Proof.of(strangers, 0, longer, 7, epoch3).check());
  }

  /**
   * The end-to-end check of {@code citygate-verify --rpc} against the real registry: the bundle
   * names the anchor transaction, block and log index from the receipt; a tampered copy fails.
   */
  @Test
  void verifyCommandChecksABundleAgainstTheRealRegistry(@TempDir Path dir) throws IOException {
    Log log = anchor1.getLogs().get(0);
    ProofBundle.Anchor anchor =
        new ProofBundle.Anchor(
            Bytes32.fromHex(anchor1.getTransactionHash()),
            anchor1.getBlockNumber().longValueExact(),
            log.getLogIndex().longValueExact());
    ProofBundle bundle =
        ProofBundles.anchored(batches.get(4), 3, epochLog, 4, epoch1, Optional.of(anchor));
    Path file = dir.resolve("bundle.json");
    Files.writeString(file, ProofBundleJson.write(bundle), StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        VerifyCommand.run(
            new String[] {
              "--rpc",
              chain.anvil.url().toString(),
              "--chain-id",
              bundle.chainId().toString(),
              "--registry",
              bundle.registry().toString(),
              file.toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertEquals(VerifyCommand.VERIFIED, status, () -> out + "\n" + err);
    assertTrue(out.toString().contains("every step passed"), out::toString);

    // the same reading, from the bundle's contents, through the registry's view
    assertTrue(Proof.of(4, 3, epoch1).verify());

    // a copy that names another log of the same transaction's block: rejected on chain
    ProofBundle tampered =
        new ProofBundle(
            bundle.chainId(),
            bundle.registry(),
            bundle.reading(),
            bundle.readingProof(),
            bundle.batch(),
            bundle.epoch(),
            Optional.of(
                new ProofBundle.Anchor(
                    Bytes32.fromHex(anchor1.getTransactionHash()),
                    anchor1.getBlockNumber().longValueExact(),
                    log.getLogIndex().longValueExact() + 1)));
    Path bad = dir.resolve("tampered.json");
    Files.writeString(bad, ProofBundleJson.write(tampered), StandardCharsets.UTF_8);
    StringWriter badOut = new StringWriter();
    int badStatus =
        VerifyCommand.run(
            new String[] {"--rpc", chain.anvil.url().toString(), bad.toString()},
            new PrintWriter(badOut),
            new PrintWriter(new StringWriter()));
    assertEquals(VerifyCommand.FAILED, badStatus, badOut::toString);
    assertTrue(badOut.toString().contains("NOT VERIFIED"), badOut::toString);
  }

  // ---------------------------------------------------------------- helpers

  private static TransactionReceipt anchor(Checkpoint c) {
    TransactionReceipt receipt =
        send(
            registry.anchor(
                BigInteger.valueOf(c.epoch()),
                c.root().bytes(),
                BigInteger.valueOf(c.size()),
                c.prevCheckpoint().bytes()));
    assertEquals(1, receipt.getLogs().size());
    return receipt;
  }

  /** The arguments of {@code checkReading}/{@code verifyReading}, from the Java library's parts. */
  private record Proof(
      ReadingLeaf reading,
      long readingIndex,
      List<Bytes32> readingPath,
      BatchLeaf batch,
      long batchIndex,
      List<Bytes32> epochPath,
      Checkpoint epoch) {

    static Proof of(int batchIndex, int readingIndex, Checkpoint epoch) {
      return of(batches.get(batchIndex), readingIndex, epochLog, batchIndex, epoch);
    }

    static Proof of(
        SealedBatch batch, int readingIndex, MerkleTree log, long batchIndex, Checkpoint epoch) {
      ReadingLeaf reading =
          batch
              .readings()
              .get(readingIndex)
              .leaf(batch.chainId(), batch.header().header().gateway());
      InclusionProof readingProof = batch.readingProof(readingIndex);
      InclusionProof epochProof = log.inclusionProof(batchIndex, epoch.size());
      return new Proof(
          reading,
          readingIndex,
          readingProof.path(),
          batch.batchLeaf(),
          batchIndex,
          epochProof.path(),
          epoch);
    }

    Proof withSalt(Bytes32 salt) {
      ReadingLeaf r = reading;
      return withReading(
          new ReadingLeaf(
              r.chainId(),
              r.gateway(),
              r.deviceId(),
              r.deviceSeq(),
              r.timestampMillis(),
              r.payloadHash(),
              salt));
    }

    Proof withTimestamp(long millis) {
      ReadingLeaf r = reading;
      return withReading(
          new ReadingLeaf(
              r.chainId(),
              r.gateway(),
              r.deviceId(),
              r.deviceSeq(),
              millis,
              r.payloadHash(),
              r.salt()));
    }

    Proof withReading(ReadingLeaf r) {
      return new Proof(r, readingIndex, readingPath, batch, batchIndex, epochPath, epoch);
    }

    Proof withReadingIndex(long index) {
      return new Proof(reading, index, readingPath, batch, batchIndex, epochPath, epoch);
    }

    Proof withReadingPath(List<Bytes32> path) {
      return new Proof(reading, readingIndex, path, batch, batchIndex, epochPath, epoch);
    }

    Proof withBatch(BatchLeaf b) {
      return new Proof(reading, readingIndex, readingPath, b, batchIndex, epochPath, epoch);
    }

    Proof withBatchIndex(long index) {
      return new Proof(reading, readingIndex, readingPath, batch, index, epochPath, epoch);
    }

    Proof withEpoch(Checkpoint e) {
      return new Proof(reading, readingIndex, readingPath, batch, batchIndex, epochPath, e);
    }

    int check() {
      return view(registry.checkReading(
              onChainReading(),
              BigInteger.valueOf(readingIndex),
              raw(readingPath),
              onChainBatch(),
              BigInteger.valueOf(batchIndex),
              raw(epochPath),
              AnchorRegistryTest.epoch(epoch)))
          .intValueExact();
    }

    boolean verify() {
      return view(
          registry.verifyReading(
              onChainReading(),
              BigInteger.valueOf(readingIndex),
              raw(readingPath),
              onChainBatch(),
              BigInteger.valueOf(batchIndex),
              raw(epochPath),
              AnchorRegistryTest.epoch(epoch)));
    }

    private AnchorRegistry.Reading onChainReading() {
      return new AnchorRegistry.Reading(
          reading.deviceId().bytes(),
          BigInteger.valueOf(reading.deviceSeq()),
          BigInteger.valueOf(reading.timestampMillis()),
          reading.payloadHash().bytes(),
          reading.salt().bytes());
    }

    private AnchorRegistry.Batch onChainBatch() {
      // The registry builds the batch leaf with its own chain id and address; a leaf made for
      // another registry is offered by offering its fields here.
      return new AnchorRegistry.Batch(
          batch.gateway().toString(),
          BigInteger.valueOf(batch.batchSeq()),
          batch.batchRoot().bytes(),
          BigInteger.valueOf(batch.batchSize()),
          batch.headerSigHash().bytes());
    }

    private static List<byte[]> raw(List<Bytes32> path) {
      List<byte[]> out = new ArrayList<>();
      for (Bytes32 p : path) {
        out.add(p.bytes());
      }
      return out;
    }
  }

  private static List<SaltedReading> readings(String device, long firstSeq, int count) {
    List<SaltedReading> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(reading(device, firstSeq + i, READINGS_FROM_MILLIS + 60_000L * (firstSeq + i)));
    }
    return out;
  }

  private static SaltedReading reading(String device, long seq, long timestampMillis) {
    byte[] subjectKey = ("subject key of " + device).getBytes(StandardCharsets.UTF_8);
    CanonicalReading reading =
        new CanonicalReading(
            "citygate/parking-radar-senml@1",
            device,
            seq,
            timestampMillis,
            List.of(
                new Measurement("occupied", "", new MeasurementValue.Flag(seq % 2 == 0)),
                new Measurement("distance", "cm", new MeasurementValue.Decimal(121 + seq % 8, 0))));
    return new SaltedReading(reading, Salts.derive(subjectKey, Salts.readingId(device, seq)));
  }
}
