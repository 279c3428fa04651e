package org.citygate.benchmarks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.batch.BatchSealer;
import org.citygate.proofs.batch.SaltedReading;
import org.citygate.proofs.batch.SealedBatch;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.bundle.ProofBundles;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.leaf.Salts;
import org.citygate.proofs.merkle.MerkleTree;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.citygate.proofs.verify.BundleVerifier;

/**
 * Deterministic, realistic inputs shared by the benchmarks: smart-meter readings, a gateway key, a
 * sealed batch and an anchored proof bundle. Everything is seeded, so every run measures the same
 * data.
 */
public final class Fixtures {
  /** A local dev chain id. */
  public static final BigInteger CHAIN_ID = BigInteger.valueOf(31337);

  /** The anchor registry (EIP-712 verifying contract). */
  public static final Address REGISTRY =
      Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");

  /** Readings per gateway batch, as the gateway seals them. */
  public static final int BATCH_SIZE = 1_024;

  /** Batch leaves in the epoch log the bundle's batch is anchored in. */
  public static final int EPOCH_LOG_SIZE = 4_096;

  private static final String GATEWAY_KEY =
      "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private Fixtures() {}

  /** The gateway's signing key (a fixed test key, never a real one). */
  public static Secp256k1PrivateKey gatewayKey() {
    return Secp256k1PrivateKey.fromHex(GATEWAY_KEY);
  }

  /** {@code count} random byte arrays of {@code length} bytes, from {@code seed}. */
  public static byte[][] randomArrays(int count, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] out = new byte[count][length];
    for (byte[] array : out) {
      for (int i = 0; i < length; i++) {
        array[i] = (byte) random.nextInt(256);
      }
    }
    return out;
  }

  /**
   * {@code count} salted smart-meter readings: 64 meters reporting every 15 s, import/export
   * registers and power, each salted with its meter's subject key as the gateway does.
   */
  public static List<SaltedReading> meterReadings(int count) {
    SplittableRandom random = new SplittableRandom(42);
    int meters = 64;
    byte[][] subjectKeys = randomArrays(meters, 32, 7);
    List<SaltedReading> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int meter = i % meters;
      long seq = 10_000L + i / meters;
      String deviceId = "meter-" + String.format("%05d", 40_000 + meter);
      long importWh = 1_000_000L + meter * 7_919L + seq * 3;
      long exportWh = 200_001L + meter * 1_009L + seq * 11;
      List<Measurement> values =
          List.of(
              new Measurement("energy_import", "Wh", decimal(importWh)),
              new Measurement("energy_export", "Wh", decimal(exportWh)),
              new Measurement("power", "W", decimal(-2_500 + random.nextInt(6_000))),
              new Measurement("voltage", "V", decimal(2_290 + random.nextInt(30), -1)));
      CanonicalReading reading =
          new CanonicalReading(
              "citygate/smart-meter-obis@1", deviceId, seq, T0 + seq * 15_000L + meter, values);
      Bytes32 salt = Salts.derive(subjectKeys[meter], Salts.readingId(deviceId, seq));
      out.add(new SaltedReading(reading, salt));
    }
    return out;
  }

  /** A fresh sealer for the fixture gateway, at the start of its chain. */
  public static BatchSealer sealer() {
    return new BatchSealer(CHAIN_ID, REGISTRY, gatewayKey(), 0, Bytes32.ZERO);
  }

  /**
   * A realistic anchored bundle: reading 517 of a sealed batch of {@link #BATCH_SIZE} readings,
   * whose batch leaf is leaf 1,234 of an epoch log of {@link #EPOCH_LOG_SIZE} batch leaves, with a
   * checkpoint and a stated anchor. Checked to verify offline before it is returned.
   */
  public static ProofBundle anchoredBundle() {
    SealedBatch batch = sealer().seal(meterReadings(BATCH_SIZE));
    int epochLeafIndex = 1_234;
    byte[][] batchLeaves = randomArrays(EPOCH_LOG_SIZE, 32, 11);
    batchLeaves[epochLeafIndex] = batch.batchLeaf().leafHash().bytes();
    MerkleTree epochLog = MerkleTree.fromLeafHashes(batchLeaves);
    Checkpoint checkpoint =
        new Checkpoint(7, epochLog.root(), EPOCH_LOG_SIZE, Bytes32.keccak(bytes("checkpoint 6")));
    ProofBundle.Anchor anchor =
        new ProofBundle.Anchor(Bytes32.keccak(bytes("anchor transaction")), 1_234_567L, 3);
    ProofBundle bundle =
        ProofBundles.anchored(
            batch, 517, epochLog, epochLeafIndex, checkpoint, Optional.of(anchor));
    var report = BundleVerifier.offline().verify(bundle);
    if (!report.verified()) {
      throw new IllegalStateException("fixture bundle does not verify: " + report.firstFailure());
    }
    return bundle;
  }

  private static MeasurementValue.Decimal decimal(long value) {
    return MeasurementValue.Decimal.of(BigDecimal.valueOf(value));
  }

  private static MeasurementValue.Decimal decimal(long unscaled, int exponent) {
    return MeasurementValue.Decimal.of(BigDecimal.valueOf(unscaled, -exponent));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
