package org.citygate.benchmarks.eip712;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.citygate.benchmarks.Fixtures;
import org.citygate.proofs.batch.BatchSealer;
import org.citygate.proofs.batch.SaltedReading;
import org.citygate.proofs.batch.SealedBatch;
import org.citygate.proofs.eip712.BatchHeader;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.eip712.SignedBatchHeader;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
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
 * The gateway's signing side: EIP-712 batch headers over secp256k1, and sealing a whole batch.
 *
 * <ul>
 *   <li>{@code sign}: {@link SignedBatchHeader#sign} (EIP-712 digest, RFC 6979 ECDSA, and the
 *       recovery id search that yields {@code v}).
 *   <li>{@code recover}: {@link SignedBatchHeader#recoverSigner} (digest and public-key recovery).
 *   <li>{@code seal1024}: {@link BatchSealer#seal} of 1,024 salted readings: 1,024 reading leaves
 *       (canonical encoding and three keccak-256 each), the batch tree and one signature. The
 *       gateway's cost per batch.
 * </ul>
 */
@State(Scope.Thread)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class Eip712Benchmark {
  private Secp256k1PrivateKey key;
  private Eip712Domain domain;
  private BatchHeader header;
  private SignedBatchHeader signed;
  private List<SaltedReading> readings;
  private BatchSealer sealer;

  /** A key, a header, its signature and a batch of readings. */
  @Setup
  public void setUp() {
    key = Fixtures.gatewayKey();
    Address gateway = key.address();
    domain = Eip712Domain.citygate(Fixtures.CHAIN_ID, Fixtures.REGISTRY);
    header =
        new BatchHeader(
            gateway,
            41,
            Bytes32.keccak(new byte[] {1}),
            Bytes32.keccak(new byte[] {2}),
            Fixtures.BATCH_SIZE,
            1_767_225_600_000L,
            1_767_225_615_000L);
    signed = SignedBatchHeader.sign(header, domain, key);
    readings = Fixtures.meterReadings(Fixtures.BATCH_SIZE);
    sealer = Fixtures.sealer();
  }

  /** Sign one batch header. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public SignedBatchHeader sign() {
    return SignedBatchHeader.sign(header, domain, key);
  }

  /** Recover the signer of one batch header. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Address recover() {
    return signed.recoverSigner(domain);
  }

  /** Seal a batch of 1,024 readings. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SealedBatch seal1024() {
    return sealer.seal(readings);
  }
}
