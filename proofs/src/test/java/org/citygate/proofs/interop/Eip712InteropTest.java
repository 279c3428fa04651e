package org.citygate.proofs.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.eip712.BatchHeader;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.Secp256k1;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.eip712.Signature;
import org.citygate.proofs.eip712.SignedBatchHeader;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EIP-712 batch headers hash, sign and recover exactly as {@code ethers} v6 (an independent
 * implementation, pinned in {@code tools/package.json}) does on the same inputs: domain separator,
 * struct hash, digest, the signature bytes and the recovered address.
 *
 * <p>Both sides sign deterministically (RFC 6979 nonces, low s, {@code v} 27/28), so the signatures
 * must be byte-equal, not merely both valid. Fifty seeded random headers over five domains: chain
 * ids from 1 to 2<sup>256</sup> − 1, different registries, one non-ASCII domain name.
 */
@Tag("interop")
class Eip712InteropTest {
  private static final int HEADERS_PER_DOMAIN = 10;

  /** anvil's dev account 0: a public test key. */
  private static final String ANVIL_KEY_0 =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  private static final List<Case> CASES = new ArrayList<>();
  private static List<JsonNode> ethers;

  /** One domain, one signing key and its headers: one call of {@code eip712.mjs}. */
  private record Case(Eip712Domain domain, String keyHex, List<BatchHeader> headers) {
    Secp256k1PrivateKey key() {
      return Secp256k1PrivateKey.fromHex(keyHex);
    }

    @Override
    public String toString() {
      return "chain " + domain.chainId() + ", " + domain.name() + " v" + domain.version();
    }
  }

  @BeforeAll
  static void signWithEthers() {
    Random random = new Random(712);
    BigInteger maxUint256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    List<Eip712Domain> domains =
        List.of(
            Eip712Domain.citygate(
                BigInteger.valueOf(31337),
                Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3")),
            Eip712Domain.citygate(BigInteger.ONE, randomAddress(random)),
            Eip712Domain.citygate(BigInteger.valueOf(11155111), randomAddress(random)),
            Eip712Domain.citygate(maxUint256, randomAddress(random)),
            new Eip712Domain(
                "Citygate Prüfstand ✓",
                "2.0-rc1",
                BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE),
                randomAddress(random)));
    List<ObjectNode> inputs = new ArrayList<>();
    for (Eip712Domain domain : domains) {
      String keyHex = CASES.isEmpty() ? ANVIL_KEY_0 : randomKeyHex(random);
      Case c = new Case(domain, keyHex, randomHeaders(random, domain, keyHex));
      CASES.add(c);
      inputs.add(input(c));
    }
    ethers = NodeScript.runAll("eip712.mjs", inputs);
  }

  static List<Case> cases() {
    return CASES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hashesSignaturesAndSignersEqualEthers(Case c) {
    JsonNode expected = ethers.get(CASES.indexOf(c));
    assertEquals(
        Bytes32.fromHex(expected.get("domainSeparator").asText()),
        c.domain().separator(),
        "domain separator");
    JsonNode results = expected.get("results");
    assertEquals(c.headers().size(), results.size(), "results");
    Secp256k1PrivateKey key = c.key();
    for (int i = 0; i < c.headers().size(); i++) {
      BatchHeader header = c.headers().get(i);
      JsonNode result = results.get(i);
      String where = "header " + i + " " + header;

      assertEquals(
          Bytes32.fromHex(result.get("structHash").asText()),
          header.structHash(),
          where + ": hash");
      Bytes32 digest = header.digest(c.domain());
      assertEquals(Bytes32.fromHex(result.get("digest").asText()), digest, where + ": digest");

      Signature signature = Secp256k1.sign(digest, key);
      assertEquals(result.get("signature").asText(), signature.toHex(), where + ": signature");
      // ethers' bytes also parse as a canonical Java signature (low s, v 27/28).
      assertEquals(signature, Signature.fromHex(result.get("signature").asText()), where);

      String recovered = result.get("recovered").asText();
      assertEquals(key.address().toString(), recovered, where + ": ethers' signer, EIP-55");
      assertEquals(
          Address.fromHex(recovered), Secp256k1.recover(digest, signature), where + ": recovered");

      if (header.gateway().equals(key.address())) {
        SignedBatchHeader signed = SignedBatchHeader.sign(header, c.domain(), key);
        assertEquals(signature, signed.signature(), where + ": SignedBatchHeader");
        assertTrue(signed.isSignedByGateway(c.domain()), where + ": signed by the gateway");
      }
    }
  }

  private static ObjectNode input(Case c) {
    ObjectNode input = NodeScript.object();
    ObjectNode domain = input.putObject("domain");
    domain.put("name", c.domain().name());
    domain.put("version", c.domain().version());
    domain.put("chainId", c.domain().chainId().toString());
    domain.put("verifyingContract", c.domain().verifyingContract().toString());
    input.put("privateKey", c.keyHex());
    ArrayNode headers = input.putArray("headers");
    for (BatchHeader h : c.headers()) {
      headers
          .addObject()
          .put("gateway", h.gateway().toString())
          .put("batchSeq", Long.toString(h.batchSeq()))
          .put("prevHeaderHash", h.prevHeaderHash().toHex())
          .put("root", h.root().toHex())
          .put("size", Long.toString(h.size()))
          .put("firstTimestamp", Long.toString(h.firstTimestamp()))
          .put("lastTimestamp", Long.toString(h.lastTimestamp()));
    }
    return input;
  }

  /**
   * A gateway's chain of headers signed by {@code keyHex}, with two headers of another gateway
   * mixed in (so a header's gateway field is not always the signer's, which the hashes must not
   * care about) and the {@code uint64} extremes 0 and 2<sup>63</sup> − 1.
   */
  private static List<BatchHeader> randomHeaders(
      Random random, Eip712Domain domain, String keyHex) {
    Address gateway = Secp256k1PrivateKey.fromHex(keyHex).address();
    Address stranger = randomAddress(random);
    List<BatchHeader> headers = new ArrayList<>();
    long seq = random.nextBoolean() ? 0 : random.nextInt(1_000_000);
    Bytes32 prev = seq == 0 ? Bytes32.ZERO : randomBytes32(random);
    for (int i = 0; i < HEADERS_PER_DOMAIN; i++) {
      long first = 1_577_836_800_000L + (long) (random.nextDouble() * 500_000_000_000L);
      long last = first + random.nextInt(3_600_000);
      long size = 1 + random.nextInt(1 << 20);
      Address who = (i == 3 || i == 7) ? stranger : gateway;
      BatchHeader header =
          switch (i) {
            case 8 -> new BatchHeader(who, 0, prev, randomBytes32(random), 1, 0, 0);
            case 9 ->
                new BatchHeader(
                    who,
                    Long.MAX_VALUE,
                    prev,
                    randomBytes32(random),
                    Long.MAX_VALUE,
                    Long.MAX_VALUE,
                    Long.MAX_VALUE);
            default -> new BatchHeader(who, seq, prev, randomBytes32(random), size, first, last);
          };
      headers.add(header);
      seq++;
      prev = header.digest(domain);
    }
    return headers;
  }

  /** A key drawn from the seeded generator, in {@code [1, n-1]}, as 0x + 64 hex digits. */
  private static String randomKeyHex(Random random) {
    BigInteger d =
        new BigInteger(256, random).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    return Hex.encode(AbiWords.toWord(d));
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
