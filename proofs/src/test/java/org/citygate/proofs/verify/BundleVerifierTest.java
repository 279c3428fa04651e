package org.citygate.proofs.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.batch.BatchSealer;
import org.citygate.proofs.batch.SaltedReading;
import org.citygate.proofs.batch.SealedBatch;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.bundle.ProofBundleJson;
import org.citygate.proofs.bundle.ProofBundles;
import org.citygate.proofs.eip712.Secp256k1;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.eip712.SignedBatchHeader;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.leaf.Salts;
import org.citygate.proofs.merkle.MerkleTree;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.citygate.proofs.verify.StepResult.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BundleVerifier} step by step, on bundles built in memory: pending and anchored bundles,
 * the anchor check, what happens after a failure, and the JSON round trip.
 */
class BundleVerifierTest {
  private static final BigInteger CHAIN_ID = BigInteger.valueOf(31337);
  private static final Address REGISTRY =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private static final Secp256k1PrivateKey GATEWAY =
      Secp256k1PrivateKey.fromHex(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final Secp256k1PrivateKey OTHER =
      Secp256k1PrivateKey.fromHex(
          "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final long T0 = 1_767_225_600_000L;
  private static final ProofBundle.Anchor ANCHOR =
      new ProofBundle.Anchor(Bytes32.keccak("tx".getBytes(UTF_8)), 4711, 3);

  private static SealedBatch batch;
  private static MerkleTree epochLog;
  private static Checkpoint checkpoint;

  @BeforeAll
  static void sealAndAnchor() {
    BatchSealer sealer = new BatchSealer(CHAIN_ID, REGISTRY, GATEWAY, 0, Bytes32.ZERO);
    batch =
        sealer.seal(
            List.of(
                salted("bay-1", 10, T0, new MeasurementValue.Flag(true)),
                salted("bay-2", 20, T0 + 1000, new MeasurementValue.Flag(false)),
                salted("env-3", 30, T0 + 2000, MeasurementValue.Decimal.parse("21.5"))));
    epochLog =
        MerkleTree.fromLeafHashes(
            List.of(
                Bytes32.keccak("another gateway's batch".getBytes(UTF_8)),
                batch.batchLeaf().leafHash(),
                Bytes32.keccak("a third batch".getBytes(UTF_8))));
    checkpoint = new Checkpoint(4, epochLog.root(), 3, Bytes32.keccak("epoch 3".getBytes(UTF_8)));
  }

  private static SaltedReading salted(String device, long seq, long time, MeasurementValue value) {
    CanonicalReading reading =
        new CanonicalReading(
            "citygate/test@1", device, seq, time, List.of(new Measurement("value", "", value)));
    byte[] subjectKey = ("subject key of " + device).getBytes(UTF_8);
    return new SaltedReading(reading, Salts.derive(subjectKey, Salts.readingId(device, seq)));
  }

  private static ProofBundle pending() {
    return ProofBundles.pending(batch, 1);
  }

  private static ProofBundle anchored() {
    return ProofBundles.anchored(batch, 1, epochLog, 1, checkpoint, Optional.of(ANCHOR));
  }

  private static ProofBundle withReading(ProofBundle b, byte[] canonical, Bytes32 salt) {
    return new ProofBundle(
        b.chainId(),
        b.registry(),
        new ProofBundle.Reading(canonical, salt),
        b.readingProof(),
        b.batch(),
        b.epoch(),
        b.anchor());
  }

  // ---- pending and offline

  @Test
  void aPendingBundleVerifiesAsFarAsItGoes() {
    VerificationReport report = BundleVerifier.offline().verify(pending());
    assertOutcomes(report, Outcome.PASSED, Step.READING, Step.GATEWAY_SIGNATURE);
    for (Step step : List.of(Step.EPOCH_INCLUSION, Step.CHECKPOINT, Step.ANCHOR)) {
      assertEquals(Outcome.SKIPPED, report.result(step).outcome(), step.name());
      assertTrue(report.result(step).detail().startsWith("pending"), report.result(step).detail());
    }
    assertTrue(report.verified());
    assertFalse(report.fullyVerified());
  }

  @Test
  void anAnchoredBundleOfflineLeavesTheAnchorUnchecked() {
    VerificationReport report = BundleVerifier.offline().verify(anchored());
    assertOutcomes(report, Outcome.PASSED, Step.READING, Step.CHECKPOINT);
    StepResult anchor = report.result(Step.ANCHOR);
    assertEquals(Outcome.SKIPPED, anchor.outcome());
    assertTrue(anchor.detail().contains("not checked"), anchor.detail());
    assertTrue(anchor.detail().contains(ANCHOR.transactionHash().toHex()), anchor.detail());
    assertTrue(report.verified());
    assertFalse(report.fullyVerified());
  }

  @Test
  void aClosedEpochWithoutAnAnchorIsPendingAtTheAnchorStep() {
    ProofBundle bundle = ProofBundles.anchored(batch, 0, epochLog, 1, checkpoint, Optional.empty());
    VerificationReport report =
        BundleVerifier.withAnchorCheck(b -> fail("the chain must not be asked")).verify(bundle);
    assertOutcomes(report, Outcome.PASSED, Step.READING, Step.CHECKPOINT);
    assertEquals(Outcome.SKIPPED, report.result(Step.ANCHOR).outcome());
    assertTrue(report.result(Step.ANCHOR).detail().startsWith("pending"));
  }

  // ---- the anchor check

  @Test
  void aPassingAnchorCheckMakesTheBundleFullyVerified() {
    AtomicInteger calls = new AtomicInteger();
    VerificationReport report =
        BundleVerifier.withAnchorCheck(
                b -> {
                  calls.incrementAndGet();
                  assertEquals(anchored(), b);
                  return StepResult.passed(Step.ANCHOR, "anchored");
                })
            .trusting(new TrustRoot(anchored().chainId(), anchored().registry()))
            .verify(anchored());
    assertEquals(1, calls.get());
    assertTrue(report.fullyVerified());
  }

  @Test
  void withoutAPinnedRegistryABundleIsNeverFullyVerified() {
    VerificationReport report =
        BundleVerifier.withAnchorCheck(b -> StepResult.passed(Step.ANCHOR, "anchored"))
            .verify(anchored());
    assertTrue(report.verified());
    assertFalse(report.fullyVerified());
    assertEquals(StepResult.Outcome.SKIPPED, report.result(Step.TRUST_ROOT).outcome());
  }

  @Test
  void aBundleNamingAnotherRegistryFailsFirst() {
    VerificationReport report =
        BundleVerifier.offline()
            .trusting(new TrustRoot(anchored().chainId(), Address.ZERO))
            .verify(anchored());
    assertEquals(Step.TRUST_ROOT, report.firstFailure().orElseThrow().step());
    assertEquals(StepResult.Outcome.SKIPPED, report.result(Step.READING).outcome());
  }

  @Test
  void aFailingAnchorCheckMeansNotVerified() {
    VerificationReport report =
        BundleVerifier.withAnchorCheck(b -> StepResult.failed(Step.ANCHOR, "no such log"))
            .verify(anchored());
    assertFalse(report.verified());
    assertEquals(Step.ANCHOR, report.firstFailure().orElseThrow().step());
    assertEquals("no such log", report.firstFailure().orElseThrow().detail());
    assertOutcomes(report, Outcome.PASSED, Step.READING, Step.CHECKPOINT);
  }

  @Test
  void anAnchorCheckMustReportTheAnchorStep() {
    BundleVerifier verifier =
        BundleVerifier.withAnchorCheck(b -> StepResult.passed(Step.CHECKPOINT, "wrong step"));
    assertThrows(IllegalStateException.class, () -> verifier.verify(anchored()));
  }

  @Test
  void theChainIsNotAskedForAPendingOrBrokenBundle() {
    AtomicInteger calls = new AtomicInteger();
    BundleVerifier verifier =
        BundleVerifier.withAnchorCheck(
            b -> {
              calls.incrementAndGet();
              return StepResult.passed(Step.ANCHOR, "anchored");
            });
    verifier.verify(pending());
    ProofBundle.Epoch epoch = anchored().epoch().orElseThrow();
    ProofBundle wrongCheckpoint =
        new ProofBundle(
            CHAIN_ID,
            REGISTRY,
            anchored().reading(),
            anchored().readingProof(),
            anchored().batch(),
            Optional.of(
                new ProofBundle.Epoch(
                    epoch.proof(), epoch.checkpoint(), Bytes32.keccak(new byte[] {1}))),
            Optional.of(ANCHOR));
    VerificationReport report = verifier.verify(wrongCheckpoint);
    assertEquals(Step.CHECKPOINT, report.firstFailure().orElseThrow().step());
    assertNotRun(report, Step.ANCHOR);
    assertEquals(0, calls.get());
  }

  // ---- after a failure

  @Test
  void afterAFailureLaterStepsAreNotRun() {
    ProofBundle bundle = anchored();
    ProofBundle saltChanged =
        withReading(
            bundle, bundle.reading().canonicalBytes(), Bytes32.keccak("salt".getBytes(UTF_8)));
    VerificationReport report = BundleVerifier.offline().verify(saltChanged);
    assertOutcomes(report, Outcome.PASSED, Step.READING, Step.READING_LEAF);
    assertEquals(Outcome.FAILED, report.result(Step.BATCH_INCLUSION).outcome());
    assertTrue(report.result(Step.BATCH_INCLUSION).detail().contains("root mismatch"));
    assertNotRun(
        report, Step.GATEWAY_SIGNATURE, Step.EPOCH_INCLUSION, Step.CHECKPOINT, Step.ANCHOR);
    assertFalse(report.verified());
  }

  @Test
  void anUndecodableReadingStopsAtTheFirstStep() {
    ProofBundle bundle = anchored();
    byte[] canonical = Arrays.copyOf(bundle.reading().canonicalBytes(), 10);
    VerificationReport report =
        BundleVerifier.offline().verify(withReading(bundle, canonical, bundle.reading().salt()));
    assertEquals(Step.READING, report.firstFailure().orElseThrow().step());
    assertTrue(report.result(Step.READING).detail().contains("do not decode"));
    assertNotRun(
        report,
        Step.READING_LEAF,
        Step.BATCH_INCLUSION,
        Step.GATEWAY_SIGNATURE,
        Step.EPOCH_INCLUSION,
        Step.CHECKPOINT,
        Step.ANCHOR);
  }

  @Test
  void anotherSignerFailsTheSignatureStep() {
    ProofBundle bundle = pending();
    SignedBatchHeader forged =
        new SignedBatchHeader(
            bundle.batch().header(),
            Secp256k1.sign(bundle.batch().header().digest(bundle.domain()), OTHER));
    VerificationReport report =
        BundleVerifier.offline()
            .verify(
                new ProofBundle(
                    CHAIN_ID,
                    REGISTRY,
                    bundle.reading(),
                    bundle.readingProof(),
                    forged,
                    Optional.empty(),
                    Optional.empty()));
    StepResult failure = report.firstFailure().orElseThrow();
    assertEquals(Step.GATEWAY_SIGNATURE, failure.step());
    assertTrue(failure.detail().contains(OTHER.address().toString()), failure.detail());
    assertNotRun(report, Step.EPOCH_INCLUSION, Step.CHECKPOINT, Step.ANCHOR);
  }

  @Test
  void everyReportHasEveryStepOnceInOrder() {
    for (ProofBundle bundle :
        List.of(pending(), anchored(), withReading(pending(), new byte[] {1}, Bytes32.ZERO))) {
      VerificationReport report = BundleVerifier.offline().verify(bundle);
      assertEquals(List.of(Step.values()), report.steps().stream().map(StepResult::step).toList());
    }
  }

  // ---- JSON

  @Test
  void jsonWriteThenReadGivesTheSameBundle() {
    ProofBundle undecodable = withReading(anchored(), new byte[] {1, 2, 3}, Bytes32.ZERO);
    for (ProofBundle bundle : List.of(pending(), anchored(), undecodable)) {
      String json = ProofBundleJson.write(bundle);
      ProofBundle read = ProofBundleJson.read(json);
      assertEquals(bundle, read);
      assertEquals(json, ProofBundleJson.write(read));
    }
  }

  // ---- helpers

  /** Steps {@code from} to {@code to}, inclusive, have {@code outcome}. */
  private static void assertOutcomes(
      VerificationReport report, Outcome outcome, Step from, Step to) {
    for (Step step : Step.values()) {
      if (step.ordinal() >= from.ordinal() && step.ordinal() <= to.ordinal()) {
        assertEquals(outcome, report.result(step).outcome(), step + ": " + report);
      }
    }
  }

  private static void assertNotRun(VerificationReport report, Step... steps) {
    for (Step step : steps) {
      StepResult result = report.result(step);
      assertEquals(Outcome.SKIPPED, result.outcome(), step.name());
      assertTrue(result.detail().startsWith("not run"), step + ": " + result.detail());
    }
  }

  private static StepResult fail(String message) {
    throw new AssertionError(message);
  }
}
