package org.citygate.benchmarks.merkle;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.citygate.benchmarks.Fixtures;
import org.citygate.proofs.merkle.MerkleTree;
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

/**
 * Building a Merkle tree of {@code n} leaves from 32-byte leaf data with {@link
 * MerkleTree#fromLeafData}: {@code n} leaf hashes on 33-byte inputs and {@code n - 1} node hashes
 * on 65-byte inputs, plus the level arrays the tree keeps. Same hash work as {@link HashBaseline};
 * target: at least 80% of its rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
public class MerkleBuildBenchmark {
  /** Number of leaves. */
  @Param({"1024", "65536", "1048576"})
  public int n;

  private List<byte[]> leafData;

  /** {@code n} random 32-byte leaves, fixed by seed. */
  @Setup
  public void setUp() {
    leafData = Arrays.asList(Fixtures.randomArrays(n, 32, 5));
  }

  /** The whole build; the tree is returned so that nothing is optimised away. */
  @Benchmark
  public MerkleTree fromLeafData() {
    return MerkleTree.fromLeafData(leafData);
  }
}
