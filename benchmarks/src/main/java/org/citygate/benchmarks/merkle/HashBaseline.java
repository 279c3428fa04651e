package org.citygate.benchmarks.merkle;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.citygate.benchmarks.Fixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hash work of building a Merkle tree of {@code n} leaves and nothing else: {@code n}
 * keccak-256 calls on 33-byte inputs (leaf hashes) plus {@code n - 1} on 65-byte inputs (node
 * hashes), with the raw digest writing into a reused buffer. {@link MerkleBuildBenchmark} is
 * measured against this, per {@code n}, in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
public class HashBaseline {
  /** Number of leaves. */
  @Param({"1024", "65536", "1048576"})
  public int n;

  private final KeccakDigest digest = new KeccakDigest(256);
  private final byte[] out = new byte[32];
  private byte[] leafInput;
  private byte[] nodeInput;

  /** Random inputs, fixed by seed. */
  @Setup
  public void setUp() {
    byte[][] random = Fixtures.randomArrays(2, 65, 3);
    leafInput = Arrays.copyOf(random[0], 33);
    leafInput[0] = 0x00;
    nodeInput = random[1];
    nodeInput[0] = 0x01;
  }

  /** {@code n} leaf-sized and {@code n - 1} node-sized hashes. */
  @Benchmark
  public void hashes(Blackhole blackhole) {
    for (int i = 0; i < n; i++) {
      digest.update(leafInput, 0, 33);
      digest.doFinal(out, 0);
    }
    for (int i = 1; i < n; i++) {
      digest.update(nodeInput, 0, 65);
      digest.doFinal(out, 0);
    }
    blackhole.consume(out);
  }
}
