package org.citygate.proofs.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
import org.citygate.proofs.leaf.Salts;
import org.citygate.proofs.merkle.ConsistencyProof;
import org.citygate.proofs.merkle.MerkleTree;
import org.citygate.proofs.merkle.MerkleVerifier;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.citygate.proofs.verify.BundleVerifier;
import org.citygate.proofs.verify.ReportText;
import org.citygate.proofs.verify.VerificationReport;

/**
 * The offline part of the city demo: three gateways seal signed batches of parking, meter and
 * street-light readings, the batches go into a two-epoch log with chained checkpoints, and proof
 * bundles are written and verified, one of them after tampering.
 *
 * <p>It uses the fixed, public development keys of the local EVM node, never real keys. Ingest,
 * storage, anchoring on chain and settlement join the demo as their modules land.
 */
public final class ProofDemo {
  private static final BigInteger CHAIN_ID = BigInteger.valueOf(31337);
  private static final Address REGISTRY =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private static final String[] GATEWAY_KEYS = {
    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  };
  private static final String[] SITES = {"lamp-post-17", "rooftop-school", "car-park-north"};
  private static final int BATCHES_PER_GATEWAY = 4;
  private static final int READINGS_PER_BATCH = 256;
  private static final long START_MILLIS = 1_763_798_400_000L; // 2025-11-22T08:00:00Z

  private final PrintStream out;
  private final Random random = new Random(2026);

  private ProofDemo(PrintStream out) {
    this.out = out;
  }

  /** Runs the demo, writing bundles under {@code args[0]} (default {@code target/demo}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/demo");
    boolean ok = new ProofDemo(System.out).run(dir);
    System.exit(ok ? 0 : 1);
  }

  private boolean run(Path dir) throws IOException {
    Path bundles = dir.resolve("bundles");
    Files.createDirectories(bundles);
    out.println("Citygate demo: signed batches, epoch log and proof bundles (offline)");

    List<SealedBatch> batches = sealBatches();
    MerkleTree epochLog =
        MerkleTree.fromLeafHashes(batches.stream().map(b -> b.batchLeaf().leafHash()).toList());
    long firstEpochSize = batches.size() / 2;
    Checkpoint epoch0 =
        new Checkpoint(0, epochLog.rootAt(firstEpochSize), firstEpochSize, Bytes32.ZERO);
    Checkpoint epoch1 = new Checkpoint(1, epochLog.root(), epochLog.size(), epoch0.hash());
    out.printf(
        "epoch 0: %d batches, root %s, checkpoint %s%n",
        epoch0.size(), epoch0.root(), epoch0.hash());
    out.printf(
        "epoch 1: %d batches, root %s, checkpoint %s%n",
        epoch1.size(), epoch1.root(), epoch1.hash());
    ConsistencyProof consistency = epochLog.consistencyProof(epoch0.size(), epoch1.size());
    MerkleVerifier.verifyConsistency(consistency, epoch0.root(), epoch1.root());
    out.printf(
        "epoch log: epoch 1 extends epoch 0 (consistency proof of %d hashes verified)%n",
        consistency.path().size());

    BundleVerifier verifier = BundleVerifier.offline();
    boolean allVerified = true;
    int[][] picks = {{0, 3}, {5, 100}, {11, 255}};
    Path firstBundle = null;
    for (int[] pick : picks) {
      int batchIndex = pick[0];
      SealedBatch batch = batches.get(batchIndex);
      Checkpoint checkpoint = batchIndex < firstEpochSize ? epoch0 : epoch1;
      ProofBundle bundle =
          ProofBundles.anchored(batch, pick[1], epochLog, batchIndex, checkpoint, Optional.empty());
      String name =
          batch.readings().get(pick[1]).reading().deviceId().replace('/', '_') + ".bundle.json";
      Path file = bundles.resolve(name);
      Files.writeString(file, ProofBundleJson.write(bundle), StandardCharsets.UTF_8);
      VerificationReport report = verifier.verify(ProofBundleJson.read(Files.readString(file)));
      allVerified &= report.verified();
      if (firstBundle == null) {
        firstBundle = file;
        print(file, report);
      } else {
        out.printf("%s: %s%n", file, report.verified() ? "verified" : "NOT verified");
      }
    }

    Path tampered = bundles.resolve("tampered.bundle.json");
    Files.writeString(tampered, tamper(Files.readString(firstBundle)), StandardCharsets.UTF_8);
    VerificationReport tamperedReport =
        verifier.verify(ProofBundleJson.read(Files.readString(tampered)));
    out.println();
    out.println("The same bundle with one measured value changed:");
    print(tampered, tamperedReport);

    out.println();
    out.printf(
        "%d readings in %d signed batches from %d gateways; %d bundles written to %s%n",
        batches.size() * READINGS_PER_BATCH,
        batches.size(),
        GATEWAY_KEYS.length,
        picks.length + 1,
        bundles);
    out.println(
        "Not in this demo yet: MQTT/CoAP/GPIO ingest, InfluxDB, the anchor-service and the");
    out.println("ledger (checkpoints are not yet anchored on chain), settlement and rewards.");
    boolean tamperCaught = !tamperedReport.verified();
    return allVerified && tamperCaught;
  }

  private List<SealedBatch> sealBatches() {
    List<BatchSealer> sealers = new ArrayList<>();
    for (String key : GATEWAY_KEYS) {
      sealers.add(
          new BatchSealer(CHAIN_ID, REGISTRY, Secp256k1PrivateKey.fromHex(key), 0, Bytes32.ZERO));
    }
    List<SealedBatch> batches = new ArrayList<>();
    long[] seq = new long[GATEWAY_KEYS.length * 8];
    for (int b = 0; b < BATCHES_PER_GATEWAY; b++) {
      for (int g = 0; g < sealers.size(); g++) {
        List<SaltedReading> readings = new ArrayList<>(READINGS_PER_BATCH);
        for (int i = 0; i < READINGS_PER_BATCH; i++) {
          long time = START_MILLIS + ((long) b * READINGS_PER_BATCH + i) * 1_000L;
          int device = i % 8;
          CanonicalReading reading = reading(g, device, seq[g * 8 + device]++, time);
          byte[] subjectKey =
              ("demo-subject-key/" + reading.deviceId()).getBytes(StandardCharsets.UTF_8);
          readings.add(
              new SaltedReading(
                  reading,
                  Salts.derive(
                      subjectKey, Salts.readingId(reading.deviceId(), reading.deviceSeq()))));
        }
        SealedBatch batch = sealers.get(g).seal(readings);
        batches.add(batch);
      }
    }
    for (int g = 0; g < sealers.size(); g++) {
      out.printf(
          "gateway %s at %s: %d batches sealed and signed%n",
          Secp256k1PrivateKey.fromHex(GATEWAY_KEYS[g]).address(),
          SITES[g],
          sealers.get(g).nextSeq());
    }
    return batches;
  }

  private CanonicalReading reading(int gateway, int device, long seq, long time) {
    String site = SITES[gateway];
    return switch (gateway) {
      case 0 ->
          new CanonicalReading(
              "citygate/streetlight-controller@1",
              site + "/light-" + device,
              seq,
              time,
              List.of(
                  new Measurement("dim_level", "%", decimal(random.nextInt(101))),
                  new Measurement("power", "W", decimal(20 + random.nextInt(60))),
                  new Measurement("lamp_on", "", new MeasurementValue.Flag(true))));
      case 1 ->
          new CanonicalReading(
              "citygate/smart-meter-obis@1",
              site + "/meter-" + device,
              seq,
              time,
              List.of(
                  new Measurement("import_wh", "Wh", decimal(1_000_000 + seq * 3)),
                  new Measurement("export_wh", "Wh", decimal(250_000 + seq * 5))));
      default ->
          new CanonicalReading(
              "citygate/parking-radar-senml@1",
              site + "/bay-" + device,
              seq,
              time,
              List.of(
                  new Measurement(
                      "presence", "", new MeasurementValue.Flag(random.nextBoolean()))));
    };
  }

  private static MeasurementValue decimal(long value) {
    return MeasurementValue.Decimal.of(java.math.BigDecimal.valueOf(value));
  }

  /** Raises the reading's first decimal value by one, consistently in its bytes and view. */
  private static String tamper(String bundleJson) {
    ProofBundle bundle = ProofBundleJson.read(bundleJson);
    CanonicalReading original =
        CanonicalReading.fromCanonicalBytes(bundle.reading().canonicalBytes());
    List<Measurement> changed = new ArrayList<>();
    boolean done = false;
    for (Measurement m : original.measurements()) {
      if (!done && m.value() instanceof MeasurementValue.Decimal d) {
        changed.add(
            new Measurement(
                m.name(),
                m.unit(),
                MeasurementValue.Decimal.of(d.toBigDecimal().add(java.math.BigDecimal.ONE))));
        done = true;
      } else {
        changed.add(m);
      }
    }
    CanonicalReading forged =
        new CanonicalReading(
            original.profileId(),
            original.deviceId(),
            original.deviceSeq(),
            original.timestampMillis(),
            changed);
    ProofBundle forgedBundle =
        new ProofBundle(
            bundle.chainId(),
            bundle.registry(),
            new ProofBundle.Reading(forged.toCanonicalBytes(), bundle.reading().salt()),
            bundle.readingProof(),
            bundle.batch(),
            bundle.epoch(),
            bundle.anchor());
    return ProofBundleJson.write(forgedBundle);
  }

  private void print(Path file, VerificationReport report) {
    PrintWriter writer = new PrintWriter(out, true);
    writer.println(file + ":");
    ReportText.printSteps(writer, report);
    writer.println("  => " + ReportText.verdict(file.getFileName().toString(), report));
  }
}
