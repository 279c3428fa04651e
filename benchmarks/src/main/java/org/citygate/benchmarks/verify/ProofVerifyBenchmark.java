package org.citygate.benchmarks.verify;

import java.util.concurrent.TimeUnit;
import org.citygate.benchmarks.Fixtures;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.bundle.ProofBundleJson;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.InclusionProof;
import org.citygate.proofs.merkle.MerkleTree;
import org.citygate.proofs.merkle.MerkleVerifier;
import org.citygate.proofs.verify.BundleVerifier;
import org.citygate.proofs.verify.VerificationReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline verification, the auditor's side. Target: a proof bundle verifies in under 1 ms.
 *
 * <ul>
 *   <li>{@code inclusion1M}: one inclusion proof (20 hashes) in a tree of 2^20 leaves.
 *   <li>{@code bundleVerify}: {@code BundleVerifier.offline().verify} on an anchored bundle (a
 *       reading of a 1,024-reading batch, in an epoch log of 4,096 batch leaves): decode the
 *       reading, two leaf hashes, two inclusion proofs, one secp256k1 recovery, the checkpoint.
 *   <li>{@code bundleReadVerify}: the same bundle parsed from its JSON first, i.e. what {@code
 *       citygate-verify} does offline, minus reading the file.
 * </ul>
 *
 * <p>Warm-up is long on purpose: the bundle paths (Jackson, BouncyCastle's curve arithmetic) cost
 * the JIT about 30 s of compiler CPU, and on two shared cores the compiler threads are starved;
 * shorter warm-ups measured half-compiled code (1.5 ms/op falling to 0.2 ms/op mid-measurement).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProofVerifyBenchmark {

  /** An inclusion proof in a 1,048,576-leaf tree; the tree itself is dropped after set-up. */
  @State(Scope.Benchmark)
  public static class BigTree {
    InclusionProof proof;
    Bytes32 leafHash;
    Bytes32 root;

    /** Builds the tree from random leaf hashes and takes one proof. */
    @Setup
    public void setUp() {
      MerkleTree tree = MerkleTree.fromLeafHashes(Fixtures.randomArrays(1 << 20, 32, 13));
      long index = 777_777;
      proof = tree.inclusionProof(index);
      leafHash = tree.leafHash(index);
      root = tree.root();
    }
  }

  /** The anchored bundle and its JSON. */
  @State(Scope.Benchmark)
  public static class Bundle {
    ProofBundle bundle;
    String json;

    /** Seals a batch, builds the epoch log and assembles the bundle. */
    @Setup
    public void setUp() {
      bundle = Fixtures.anchoredBundle();
      json = ProofBundleJson.write(bundle);
      if (!BundleVerifier.offline().verify(ProofBundleJson.read(json)).verified()) {
        throw new IllegalStateException("the bundle's JSON does not verify");
      }
    }
  }

  private static final BundleVerifier VERIFIER = BundleVerifier.offline();

  /** One inclusion proof in a 1M-leaf tree. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 5, time = 2)
  public void inclusion1M(BigTree state) {
    MerkleVerifier.verifyInclusion(state.proof, state.leafHash, state.root);
  }

  /** Offline verification of a parsed bundle. */
  @Benchmark
  public VerificationReport bundleVerify(Bundle state) {
    return VERIFIER.verify(state.bundle);
  }

  /** JSON parse plus offline verification. */
  @Benchmark
  public VerificationReport bundleReadVerify(Bundle state) {
    return VERIFIER.verify(ProofBundleJson.read(state.json));
  }
}
