package org.citygate.proofs.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.eip712.BatchHeader;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.leaf.BatchLeaf;
import org.citygate.proofs.leaf.ReadingLeaf;
import org.citygate.proofs.merkle.InclusionProof;
import org.citygate.proofs.merkle.MerkleVerifier;
import org.citygate.proofs.merkle.ProofException;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * Verifies a {@link ProofBundle} step by step, offline, and says in words which step failed.
 *
 * <p>The steps run in the order of {@link Step}; each builds on the ones before, so after the first
 * failure the rest are reported as not run. Nothing here touches the network: the on-chain anchor
 * is checked only when an {@link AnchorCheck} is given. A bundle for a reading that is not yet
 * anchored verifies as far as it goes and reports the rest as pending.
 */
public final class BundleVerifier {
  private final Optional<TrustRoot> trustRoot;
  private final Optional<AnchorCheck> anchorCheck;

  private BundleVerifier(Optional<TrustRoot> trustRoot, Optional<AnchorCheck> anchorCheck) {
    this.trustRoot = trustRoot;
    this.anchorCheck = anchorCheck;
  }

  /** A verifier that checks everything but the chain, and trusts no registry in particular. */
  public static BundleVerifier offline() {
    return new BundleVerifier(Optional.empty(), Optional.empty());
  }

  /** A verifier that also checks the anchor with {@code anchorCheck}. */
  public static BundleVerifier withAnchorCheck(AnchorCheck anchorCheck) {
    return new BundleVerifier(Optional.empty(), Optional.of(anchorCheck));
  }

  /** This verifier, requiring bundles to be for {@code root}'s chain and registry. */
  public BundleVerifier trusting(TrustRoot root) {
    return new BundleVerifier(Optional.of(root), anchorCheck);
  }

  /** Runs every step on {@code bundle}. */
  public VerificationReport verify(ProofBundle bundle) {
    Run run = new Run(bundle);
    run.trustStep();
    run.readingSteps();
    run.epochSteps();
    run.anchorStep();
    return run.report();
  }

  /** One verification's state: the results so far and the values later steps build on. */
  private final class Run {
    private final ProofBundle bundle;
    private final BatchHeader header;
    private final List<StepResult> results = new ArrayList<>();
    private boolean failed;

    Run(ProofBundle bundle) {
      this.bundle = bundle;
      this.header = bundle.batch().header();
    }

    void trustStep() {
      String named = "chain " + bundle.chainId() + ", registry " + bundle.registry();
      if (trustRoot.isEmpty()) {
        results.add(
            StepResult.skipped(
                Step.TRUST_ROOT,
                "not pinned: the bundle names its own "
                    + named
                    + " (pin the city's chain id and registry to require them)"));
        return;
      }
      TrustRoot root = trustRoot.get();
      if (!root.chainId().equals(bundle.chainId()) || !root.registry().equals(bundle.registry())) {
        fail(
            Step.TRUST_ROOT,
            "the bundle is for "
                + named
                + ", but the trusted ledger is chain "
                + root.chainId()
                + ", registry "
                + root.registry());
        return;
      }
      pass(Step.TRUST_ROOT, named + ", as pinned");
    }

    void readingSteps() {
      if (failed) {
        return;
      }
      CanonicalReading reading;
      try {
        reading = CanonicalReading.fromCanonicalBytes(bundle.reading().canonicalBytes());
      } catch (IllegalArgumentException e) {
        fail(Step.READING, "the canonical reading bytes do not decode: " + e.getMessage());
        return;
      }
      pass(Step.READING, describe(reading));

      Bytes32 leafHash;
      try {
        leafHash =
            ReadingLeaf.of(bundle.chainId(), header.gateway(), reading, bundle.reading().salt())
                .leafHash();
      } catch (IllegalArgumentException e) {
        fail(Step.READING_LEAF, "cannot build the reading leaf: " + e.getMessage());
        return;
      }
      pass(Step.READING_LEAF, "leaf hash " + leafHash);

      if (reading.timestampMillis() < header.firstTimestamp()
          || reading.timestampMillis() > header.lastTimestamp()) {
        fail(
            Step.BATCH_INCLUSION,
            "the reading's time "
                + reading.timestampMillis()
                + " is outside the batch's signed window "
                + header.firstTimestamp()
                + ".."
                + header.lastTimestamp());
        return;
      }
      if (inclusion(
          Step.BATCH_INCLUSION,
          "the reading is not in the signed batch",
          bundle.readingProof(),
          leafHash,
          header.root())) {
        pass(
            Step.BATCH_INCLUSION,
            "leaf "
                + bundle.readingProof().leafIndex()
                + " of "
                + header.size()
                + " leads to the batch root "
                + header.root());
      }
      if (failed) {
        return;
      }
      Address signer;
      try {
        signer = bundle.batch().recoverSigner(bundle.domain());
      } catch (IllegalArgumentException e) {
        fail(Step.GATEWAY_SIGNATURE, "no signer recovers from the signature: " + e.getMessage());
        return;
      }
      if (!signer.equals(header.gateway())) {
        fail(
            Step.GATEWAY_SIGNATURE,
            "the signature recovers "
                + signer
                + ", but the header names gateway "
                + header.gateway());
        return;
      }
      pass(
          Step.GATEWAY_SIGNATURE,
          "batch "
              + header.batchSeq()
              + " signed by gateway "
              + signer
              + " for chain "
              + bundle.chainId()
              + ", registry "
              + bundle.registry());
    }

    void epochSteps() {
      if (failed) {
        return;
      }
      if (bundle.epoch().isEmpty()) {
        String pending = "pending: the batch is not yet in an anchored epoch";
        results.add(StepResult.skipped(Step.EPOCH_INCLUSION, pending));
        results.add(StepResult.skipped(Step.CHECKPOINT, pending));
        return;
      }
      ProofBundle.Epoch epoch = bundle.epoch().get();
      Checkpoint checkpoint = epoch.checkpoint();
      Bytes32 batchLeaf =
          new BatchLeaf(
                  bundle.chainId(),
                  bundle.registry(),
                  header.gateway(),
                  header.batchSeq(),
                  header.root(),
                  header.size(),
                  bundle.batch().signatureHash())
              .leafHash();
      if (inclusion(
          Step.EPOCH_INCLUSION,
          "the batch is not in the epoch log",
          epoch.proof(),
          batchLeaf,
          checkpoint.root())) {
        pass(
            Step.EPOCH_INCLUSION,
            "batch leaf "
                + epoch.proof().leafIndex()
                + " of "
                + checkpoint.size()
                + " leads to the epoch root "
                + checkpoint.root());
      } else {
        return;
      }
      Bytes32 computed = checkpoint.hash();
      if (!computed.equals(epoch.statedCheckpointHash())) {
        fail(
            Step.CHECKPOINT,
            "epoch "
                + checkpoint.epoch()
                + ": the checkpoint hash is "
                + computed
                + ", but the bundle states "
                + epoch.statedCheckpointHash());
        return;
      }
      pass(
          Step.CHECKPOINT,
          "epoch "
              + checkpoint.epoch()
              + " checkpoint "
              + computed
              + " (follows "
              + checkpoint.prevCheckpoint()
              + ")");
    }

    void anchorStep() {
      if (failed) {
        return;
      }
      if (bundle.anchor().isEmpty()) {
        results.add(StepResult.skipped(Step.ANCHOR, "pending: the epoch is not yet anchored"));
      } else if (anchorCheck.isEmpty()) {
        ProofBundle.Anchor anchor = bundle.anchor().get();
        results.add(
            StepResult.skipped(
                Step.ANCHOR,
                "not checked offline: stated in transaction "
                    + anchor.transactionHash()
                    + ", block "
                    + anchor.blockNumber()
                    + " (give an RPC URL to check the chain)"));
      } else {
        StepResult result = anchorCheck.get().check(bundle);
        if (result.step() != Step.ANCHOR) {
          throw new IllegalStateException("an anchor check must report the anchor step");
        }
        results.add(result);
        failed |= result.outcome() == StepResult.Outcome.FAILED;
      }
    }

    private boolean inclusion(
        Step step, String meaning, InclusionProof proof, Bytes32 leaf, Bytes32 root) {
      try {
        MerkleVerifier.verifyInclusion(proof, leaf, root);
        return true;
      } catch (ProofException e) {
        fail(step, meaning + ": " + e.getMessage());
        return false;
      }
    }

    private void pass(Step step, String detail) {
      results.add(StepResult.passed(step, detail));
    }

    private void fail(Step step, String detail) {
      results.add(StepResult.failed(step, detail));
      failed = true;
    }

    /** The results, with every step that did not run after a failure marked as such. */
    VerificationReport report() {
      List<StepResult> all = new ArrayList<>(results);
      for (Step step : Step.values()) {
        if (all.stream().noneMatch(r -> r.step() == step)) {
          all.add(StepResult.skipped(step, "not run: an earlier step failed"));
        }
      }
      all.sort(Comparator.comparing(StepResult::step));
      return new VerificationReport(all);
    }
  }

  private static String describe(CanonicalReading reading) {
    String values =
        reading.measurements().stream()
            .map(m -> m.name() + "=" + m.value() + (m.unit().isEmpty() ? "" : " " + m.unit()))
            .collect(Collectors.joining(", "));
    return "device "
        + reading.deviceId()
        + " ("
        + reading.profileId()
        + ") seq "
        + reading.deviceSeq()
        + " at "
        + Instant.ofEpochMilli(reading.timestampMillis())
        + ": "
        + values;
  }
}
