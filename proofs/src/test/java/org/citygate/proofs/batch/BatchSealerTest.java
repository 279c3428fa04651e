package org.citygate.proofs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.leaf.Salts;
import org.citygate.proofs.merkle.MerkleVerifier;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.api.Test;

class BatchSealerTest {
  private static final BigInteger CHAIN = BigInteger.valueOf(31337);
  private static final Address REGISTRY =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private static final Secp256k1PrivateKey KEY =
      Secp256k1PrivateKey.fromHex(
          "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final byte[] DEVICE_KEY = "device-subject-key-0001".getBytes();

  @Test
  void sealsSignedBatchesThatChainByHeaderHash() {
    BatchSealer sealer = new BatchSealer(CHAIN, REGISTRY, KEY, 0, Bytes32.ZERO);
    Eip712Domain domain = Eip712Domain.citygate(CHAIN, REGISTRY);

    SealedBatch first = sealer.seal(readings(0, 5));
    SealedBatch second = sealer.seal(readings(5, 3));

    assertEquals(0, first.header().header().batchSeq());
    assertEquals(Bytes32.ZERO, first.header().header().prevHeaderHash());
    assertEquals(1, second.header().header().batchSeq());
    assertEquals(first.header().headerHash(domain), second.header().header().prevHeaderHash());
    assertEquals(second.header().headerHash(domain), sealer.prevHeaderHash());
    assertEquals(2, sealer.nextSeq());
    assertEquals(KEY.address(), second.header().recoverSigner(domain));
    assertEquals(1_000_005_000L, second.header().header().firstTimestamp());
    assertEquals(1_000_007_000L, second.header().header().lastTimestamp());
  }

  @Test
  void everyReadingProvesIntoTheSignedRoot() {
    SealedBatch batch =
        new BatchSealer(CHAIN, REGISTRY, KEY, 9, Bytes32.ZERO).seal(readings(0, 13));
    for (int i = 0; i < 13; i++) {
      Bytes32 leaf = batch.readings().get(i).leaf(CHAIN, KEY.address()).leafHash();
      MerkleVerifier.verifyInclusion(batch.readingProof(i), leaf, batch.header().header().root());
    }
  }

  @Test
  void refusesAnEmptyBatch() {
    BatchSealer sealer = new BatchSealer(CHAIN, REGISTRY, KEY, 0, Bytes32.ZERO);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(List.of()));
    assertTrue(e.getMessage().contains("at least one reading"));
    assertEquals(0, sealer.nextSeq());
  }

  @Test
  void saltsAreDeterministicPerReadingAndKey() {
    Bytes32 a = Salts.derive(DEVICE_KEY, Salts.readingId("bay-1", 7));
    assertEquals(a, Salts.derive(DEVICE_KEY, "bay-1/7"));
    assertTrue(!a.equals(Salts.derive(DEVICE_KEY, Salts.readingId("bay-1", 8))));
    assertTrue(!a.equals(Salts.derive("another-subject-key".getBytes(), "bay-1/7")));
    assertThrows(IllegalArgumentException.class, () -> Salts.derive(new byte[8], "bay-1/7"));
  }

  static List<SaltedReading> readings(int from, int count) {
    List<SaltedReading> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      CanonicalReading reading =
          new CanonicalReading(
              "citygate/parking-radar@1",
              "bay-" + (i % 4),
              i,
              1_000_000_000L + i * 1000L,
              List.of(new Measurement("presence", "", new MeasurementValue.Flag(i % 2 == 0))));
      out.add(
          new SaltedReading(
              reading, Salts.derive(DEVICE_KEY, Salts.readingId(reading.deviceId(), i))));
    }
    return out;
  }
}
