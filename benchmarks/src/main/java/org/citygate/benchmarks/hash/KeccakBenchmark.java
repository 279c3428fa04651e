package org.citygate.benchmarks.hash;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.citygate.benchmarks.Fixtures;
import org.citygate.proofs.hash.Keccak256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * keccak-256 on one core at the two input sizes of the Merkle trees: 33 bytes (a leaf-hash input,
 * {@code 0x00 ‖ 32 bytes}) and 65 bytes (a node input, {@code 0x01 ‖ left ‖ right}).
 *
 * <p>{@code digest*} is the raw BouncyCastle digest writing into a reused buffer: the physical
 * limit. {@code api*} goes through {@link Keccak256#hashPrefixed}, as the proofs code does (thread
 * local lookup plus a fresh 32-byte result).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeccakBenchmark {
  private final KeccakDigest digest = new KeccakDigest(256);
  private final byte[] out = new byte[32];
  private byte[] input33;
  private byte[] input65;
  private byte[] left;
  private byte[] right;

  /** Random inputs, fixed by seed. */
  @Setup
  public void setUp() {
    byte[][] random = Fixtures.randomArrays(4, 65, 1);
    input33 = Arrays.copyOf(random[0], 33);
    input33[0] = 0x00;
    input65 = random[1];
    input65[0] = 0x01;
    left = Arrays.copyOf(random[2], 32);
    right = Arrays.copyOf(random[3], 32);
  }

  /** Raw digest, 33-byte input (leaf hash). */
  @Benchmark
  public byte[] digest33() {
    digest.update(input33, 0, 33);
    digest.doFinal(out, 0);
    return out;
  }

  /** Raw digest, 65-byte input (node hash). */
  @Benchmark
  public byte[] digest65() {
    digest.update(input65, 0, 65);
    digest.doFinal(out, 0);
    return out;
  }

  /** {@code Keccak256.hashPrefixed(0x00, 32 bytes)}: the leaf hash through the API. */
  @Benchmark
  public byte[] api33() {
    return Keccak256.hashPrefixed((byte) 0x00, left);
  }

  /** {@code Keccak256.hashPrefixed(0x01, left, right)}: the node hash through the API. */
  @Benchmark
  public byte[] api65() {
    return Keccak256.hashPrefixed((byte) 0x01, left, right);
  }
}
