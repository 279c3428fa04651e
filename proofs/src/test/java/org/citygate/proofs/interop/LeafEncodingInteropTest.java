package org.citygate.proofs.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.citygate.proofs.leaf.BatchLeaf;
import org.citygate.proofs.leaf.ReadingLeaf;
import org.citygate.proofs.leaf.Salts;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The typed reading and batch leaves encode ({@code abi.encode} with the type tag) and hash ({@code
 * keccak256(0x00 ‖ data)}) exactly as {@code ethers}' {@code AbiCoder} and {@code keccak256} do,
 * for seeded random leaves including the range ends of every integer field.
 */
@Tag("interop")
class LeafEncodingInteropTest {
  private static final int COUNT = 100;
  private static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private static final List<ReadingLeaf> READING = new ArrayList<>();
  private static final List<BatchLeaf> BATCH = new ArrayList<>();
  private static JsonNode ethers;

  /** All leaves of both kinds in one call of {@code abi-leaves.mjs}. */
  @BeforeAll
  static void encodeWithEthers() {
    Random random = new Random(6962);
    ObjectNode input = NodeScript.object();
    ArrayNode reading = input.putArray("reading");
    ArrayNode batch = input.putArray("batch");
    for (int i = 0; i < COUNT; i++) {
      ReadingLeaf r = randomReadingLeaf(random, i);
      READING.add(r);
      reading
          .addObject()
          .put("chainId", r.chainId().toString())
          .put("gateway", r.gateway().toString())
          .put("deviceId", r.deviceId().toHex())
          .put("deviceSeq", Long.toString(r.deviceSeq()))
          .put("timestampMillis", Long.toString(r.timestampMillis()))
          .put("payloadHash", r.payloadHash().toHex())
          .put("salt", r.salt().toHex());
      BatchLeaf b = randomBatchLeaf(random, i);
      BATCH.add(b);
      batch
          .addObject()
          .put("chainId", b.chainId().toString())
          .put("registry", b.registry().toString())
          .put("gateway", b.gateway().toString())
          .put("batchSeq", Long.toString(b.batchSeq()))
          .put("batchRoot", b.batchRoot().toHex())
          .put("batchSize", Long.toString(b.batchSize()))
          .put("headerSigHash", b.headerSigHash().toHex());
    }
    ethers = NodeScript.run("abi-leaves.mjs", input);
  }

  @Test
  void readingLeavesEncodeAndHashAsEthers() {
    JsonNode results = ethers.get("reading");
    assertEquals(COUNT, results.size());
    for (int i = 0; i < COUNT; i++) {
      ReadingLeaf leaf = READING.get(i);
      assertEquals(results.get(i).get("data").asText(), Hex.encode(leaf.encode()), "data " + leaf);
      assertEquals(256, leaf.encode().length);
      assertEquals(
          Bytes32.fromHex(results.get(i).get("leafHash").asText()),
          leaf.leafHash(),
          "leaf hash " + leaf);
    }
  }

  @Test
  void batchLeavesEncodeAndHashAsEthers() {
    JsonNode results = ethers.get("batch");
    assertEquals(COUNT, results.size());
    for (int i = 0; i < COUNT; i++) {
      BatchLeaf leaf = BATCH.get(i);
      assertEquals(results.get(i).get("data").asText(), Hex.encode(leaf.encode()), "data " + leaf);
      assertEquals(256, leaf.encode().length);
      assertEquals(
          Bytes32.fromHex(results.get(i).get("leafHash").asText()),
          leaf.leafHash(),
          "leaf hash " + leaf);
    }
  }

  /**
   * Every fourth leaf comes from a real canonical reading (its device-id hash, payload hash and
   * derived salt); the others have random fields. Leaves 0 and 1 hold each field's smallest and
   * largest value.
   */
  private static ReadingLeaf randomReadingLeaf(Random random, int i) {
    if (i == 0) {
      return new ReadingLeaf(
          BigInteger.ZERO, Address.ZERO, Bytes32.ZERO, 0, 0, Bytes32.ZERO, Bytes32.ZERO);
    }
    if (i == 1) {
      Bytes32 ones = Bytes32.fromHex("0x" + "ff".repeat(32));
      return new ReadingLeaf(
          MAX_UINT256,
          Address.fromHex("0x" + "ff".repeat(20)),
          ones,
          Long.MAX_VALUE,
          Long.MAX_VALUE,
          ones,
          ones);
    }
    BigInteger chainId = randomChainId(random);
    Address gateway = randomAddress(random);
    if (i % 4 == 0) {
      String device = "lamp-" + random.nextInt(100_000);
      long seq = random.nextInt(Integer.MAX_VALUE);
      CanonicalReading reading =
          new CanonicalReading(
              "citygate/street-lamp@1",
              device,
              seq,
              1_763_790_000_000L + random.nextInt(86_400_000),
              List.of(
                  new Measurement(
                      "power", "W", new MeasurementValue.Decimal(1 + random.nextInt(9), 2)),
                  new Measurement("on", "", new MeasurementValue.Flag(random.nextBoolean()))));
      byte[] subjectKey = ("subject-key-" + device).getBytes(StandardCharsets.UTF_8);
      return ReadingLeaf.of(
          chainId, gateway, reading, Salts.derive(subjectKey, Salts.readingId(device, seq)));
    }
    return new ReadingLeaf(
        chainId,
        gateway,
        randomBytes32(random),
        randomUint63(random),
        randomUint63(random),
        randomBytes32(random),
        randomBytes32(random));
  }

  private static BatchLeaf randomBatchLeaf(Random random, int i) {
    if (i == 0) {
      return new BatchLeaf(
          BigInteger.ZERO, Address.ZERO, Address.ZERO, 0, Bytes32.ZERO, 0, Bytes32.ZERO);
    }
    if (i == 1) {
      Address ff = Address.fromHex("0x" + "ff".repeat(20));
      Bytes32 ones = Bytes32.fromHex("0x" + "ff".repeat(32));
      return new BatchLeaf(MAX_UINT256, ff, ff, Long.MAX_VALUE, ones, Long.MAX_VALUE, ones);
    }
    return new BatchLeaf(
        randomChainId(random),
        randomAddress(random),
        randomAddress(random),
        randomUint63(random),
        randomBytes32(random),
        randomUint63(random),
        randomBytes32(random));
  }

  /** Small chain ids as in practice, and now and then any uint256. */
  private static BigInteger randomChainId(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> BigInteger.valueOf(31337);
      case 1 -> BigInteger.valueOf(1 + random.nextInt(Integer.MAX_VALUE));
      default -> new BigInteger(1 + random.nextInt(256), random);
    };
  }

  /** A non-negative {@code long} of random bit length, so small and large values both occur. */
  private static long randomUint63(Random random) {
    int bits = 1 + random.nextInt(63);
    return random.nextLong() >>> (64 - bits);
  }

  private static Address randomAddress(Random random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return new Address(bytes);
  }

  private static Bytes32 randomBytes32(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return new Bytes32(bytes);
  }
}
