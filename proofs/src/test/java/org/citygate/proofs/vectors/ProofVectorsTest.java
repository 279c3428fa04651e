package org.citygate.proofs.vectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.citygate.proofs.anchor.AnchorEvent;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.bundle.ReadingJson;
import org.citygate.proofs.eip712.BatchHeader;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.Secp256k1;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.eip712.Signature;
import org.citygate.proofs.eip712.SignedBatchHeader;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.citygate.proofs.hash.Keccak256;
import org.citygate.proofs.leaf.BatchLeaf;
import org.citygate.proofs.leaf.LeafType;
import org.citygate.proofs.leaf.ReadingLeaf;
import org.citygate.proofs.leaf.Salts;
import org.citygate.proofs.merkle.ConsistencyProof;
import org.citygate.proofs.merkle.InclusionProof;
import org.citygate.proofs.merkle.MerkleHasher;
import org.citygate.proofs.merkle.MerkleTree;
import org.citygate.proofs.merkle.MerkleVerifier;
import org.citygate.proofs.merkle.ProofException;
import org.citygate.proofs.payout.PayoutLeaf;
import org.citygate.proofs.payout.PayoutPool;
import org.citygate.proofs.payout.PayoutTree;
import org.citygate.proofs.reading.CanonicalReading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared test vectors in {@code proofs/vectors/}, read from the committed files and checked
 * with the production code; and the check that those files are exactly what {@link VectorGenerator}
 * writes.
 *
 * <p>When {@link #committedFilesAreExactlyWhatTheGeneratorWrites()} fails after a deliberate change
 * to the formats or the generator, regenerate from the repository root and review the diff before
 * committing:
 *
 * <pre>
 * ./mvnw -B -q -pl proofs test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.citygate.proofs.vectors.VectorGenerator \
 *     -Dexec.args=proofs/vectors/proof-vectors.json
 * </pre>
 *
 * <p>When it fails without such a change, the production code's output moved: that is a format
 * break for every other verifier (Solidity, outside scripts), not a file to regenerate.
 */
class ProofVectorsTest {
  /** The vectors directory; Surefire runs the tests in the module directory. */
  private static final Path VECTORS = Path.of("vectors");

  /** What a strict canonical-reading decoder says, per words reason of the vectors. */
  private static final Map<String, String> CANONICAL_REASONS =
      Map.ofEntries(
          Map.entry("trailing bytes", "trailing bytes"),
          Map.entry("truncated", "truncated|runs past the end"),
          Map.entry("unsupported version", "canonical reading version"),
          Map.entry(
              "decimal not normalised", "not normalised|zero must be written with exponent 0"),
          Map.entry("measurements not sorted and unique", "out of order or repeated"),
          Map.entry("bad flag byte", "flag byte"),
          Map.entry("unknown value type", "unknown value type"),
          Map.entry("invalid UTF-8", "invalid UTF-8"),
          Map.entry("no measurements", "at least one measurement"),
          Map.entry("bad identifier", "is missing|control character"),
          Map.entry("bad measurement name", "must match"),
          Map.entry("bad unit", "printable ASCII"),
          Map.entry("text too long", "at most 256"));

  private static JsonNode vectors;

  @BeforeAll
  static void readVectors() throws IOException {
    vectors = new ObjectMapper().readTree(VECTORS.resolve(VectorGenerator.VECTORS_FILE).toFile());
  }

  // ---- (a) the committed files are the generator's output, byte for byte

  @Test
  void committedFilesAreExactlyWhatTheGeneratorWrites() throws IOException {
    SortedMap<String, String> generated = VectorGenerator.generate();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Path path = VECTORS.resolve(file.getKey());
      if (!Files.isRegularFile(path)) {
        problems.add(file.getKey() + " is missing");
        continue;
      }
      String committed = Files.readString(path, UTF_8);
      if (!committed.equals(file.getValue())) {
        problems.add(file.getKey() + " differs " + firstDifference(committed, file.getValue()));
      }
    }
    try (Stream<Path> files = Files.list(VECTORS.resolve(VectorGenerator.BUNDLES_DIR))) {
      files
          .map(p -> VectorGenerator.BUNDLES_DIR + "/" + p.getFileName())
          .filter(name -> !generated.containsKey(name))
          .forEach(name -> problems.add(name + " is not generated any more"));
    }
    assertTrue(
        problems.isEmpty(),
        () ->
            "The committed test vectors are not what VectorGenerator writes:\n  "
                + String.join("\n  ", problems.subList(0, Math.min(10, problems.size())))
                + "\nIf the formats or the generator changed on purpose, regenerate from the"
                + " repository root and review the diff before committing:\n  "
                + VectorGenerator.REGENERATE_COMMAND
                + "\nIf not, the production code's output changed: every other verifier would"
                + " now disagree with it.");
  }

  private static String firstDifference(String committed, String generated) {
    String[] a = committed.split("\n", -1);
    String[] b = generated.split("\n", -1);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (!a[i].equals(b[i])) {
        return "at line "
            + (i + 1)
            + ": committed '"
            + cut(a[i])
            + "', generated '"
            + cut(b[i])
            + "'";
      }
    }
    return "in length: committed " + a.length + " lines, generated " + b.length;
  }

  private static String cut(String line) {
    return line.length() <= 100 ? line : line.substring(0, 97) + "...";
  }

  // ---- (b) every valid vector checks out with the production code

  @Test
  void hashes() {
    eachOf(
        vectors.get("hashes"),
        h -> {
          byte[] input = Hex.decode(h.get("input").asText());
          if (h.has("utf8")) {
            assertArrayEquals(h.get("utf8").asText().getBytes(UTF_8), input);
          }
          assertEquals(h.get("keccak256").asText(), Hex.encode(Keccak256.hash(input)));
        });
    assertEquals(
        MerkleHasher.emptyRoot().toHex(), vectors.get("hashes").get(0).get("keccak256").asText());
  }

  @Test
  void treeRoots() {
    JsonNode trees = vectors.get("trees");
    assertEquals(VectorGenerator.MAX_SIZE + 1, trees.size());
    eachOf(
        trees,
        t -> {
          int n = t.get("size").asInt();
          assertEquals(bytes32(t, "root"), MerkleTree.fromLeafData(leafData(n)).root());
        });
    assertEquals(MerkleHasher.emptyRoot(), bytes32(trees.get(0), "root"));
  }

  @Test
  void inclusionProofs() {
    MerkleTree tree = MerkleTree.fromLeafData(leafData(VectorGenerator.MAX_SIZE));
    JsonNode all = vectors.get("inclusion");
    assertEquals(VectorGenerator.MAX_SIZE * (VectorGenerator.MAX_SIZE + 1) / 2, all.size());
    eachOf(
        all,
        v -> {
          int index = v.get("leafIndex").asInt();
          int size = v.get("treeSize").asInt();
          Bytes32 leaf = bytes32(v, "leafHash");
          Bytes32 root = bytes32(v, "root");
          List<Bytes32> path = path(v, "path");
          assertEquals(MerkleHasher.hashLeaf(new byte[] {(byte) index}), leaf);
          assertEquals(bytes32(vectors.get("trees").get(size), "root"), root);
          MerkleVerifier.verifyInclusion(new InclusionProof(index, size, path), leaf, root);
          assertEquals(path, tree.inclusionProof(index, size).path());
        });
  }

  @Test
  void consistencyProofs() {
    MerkleTree tree = MerkleTree.fromLeafData(leafData(VectorGenerator.MAX_SIZE));
    JsonNode all = vectors.get("consistency");
    assertEquals(VectorGenerator.MAX_SIZE * (VectorGenerator.MAX_SIZE + 1) / 2, all.size());
    eachOf(
        all,
        v -> {
          int m = v.get("oldSize").asInt();
          int n = v.get("newSize").asInt();
          List<Bytes32> path = path(v, "path");
          assertEquals(bytes32(vectors.get("trees").get(m), "root"), bytes32(v, "oldRoot"));
          assertEquals(bytes32(vectors.get("trees").get(n), "root"), bytes32(v, "newRoot"));
          MerkleVerifier.verifyConsistency(
              new ConsistencyProof(m, n, path), bytes32(v, "oldRoot"), bytes32(v, "newRoot"));
          assertEquals(path, tree.consistencyProof(m, n).path());
        });
  }

  @Test
  void typedLeavesAndSalts() {
    JsonNode leaves = vectors.get("leaves");
    eachOf(
        leaves.get("reading"),
        v -> {
          ReadingLeaf leaf =
              new ReadingLeaf(
                  new BigInteger(v.get("chainId").asText()),
                  Address.fromHex(v.get("gateway").asText()),
                  bytes32(v, "deviceId"),
                  Long.parseLong(v.get("deviceSeq").asText()),
                  Long.parseLong(v.get("timestampMillis").asText()),
                  bytes32(v, "payloadHash"),
                  bytes32(v, "salt"));
          assertEquals(v.get("data").asText(), Hex.encode(leaf.encode()));
          assertEquals(bytes32(v, "leafHash"), leaf.leafHash());
          assertEquals(LeafType.READING.tag(), leaf.encode()[31]);
        });
    eachOf(
        leaves.get("batch"),
        v -> {
          BatchLeaf leaf =
              new BatchLeaf(
                  new BigInteger(v.get("chainId").asText()),
                  Address.fromHex(v.get("registry").asText()),
                  Address.fromHex(v.get("gateway").asText()),
                  Long.parseLong(v.get("batchSeq").asText()),
                  bytes32(v, "batchRoot"),
                  Long.parseLong(v.get("batchSize").asText()),
                  bytes32(v, "headerSigHash"));
          assertEquals(v.get("data").asText(), Hex.encode(leaf.encode()));
          assertEquals(bytes32(v, "leafHash"), leaf.leafHash());
          assertEquals(LeafType.BATCH.tag(), leaf.encode()[31]);
        });
    eachOf(
        leaves.get("salts"),
        v ->
            assertEquals(
                bytes32(v, "salt"),
                Salts.derive(
                    Hex.decode(v.get("subjectKey").asText()), v.get("readingId").asText())));
  }

  @Test
  void canonicalReadings() {
    eachOf(
        vectors.get("canonicalReadings"),
        v -> {
          CanonicalReading stated = ReadingJson.fromJson(v.get("reading"), "reading");
          byte[] canonical = Hex.decode(v.get("canonical").asText());
          assertArrayEquals(canonical, stated.toCanonicalBytes());
          assertEquals(stated, CanonicalReading.fromCanonicalBytes(canonical));
          assertEquals(bytes32(v, "payloadHash"), stated.payloadHash());
          assertEquals(bytes32(v, "payloadHash"), Bytes32.keccak(canonical));
          assertEquals(bytes32(v, "deviceIdHash"), stated.deviceIdHash());
        });
  }

  @Test
  void eip712DigestsAndSignatures() {
    JsonNode eip = vectors.get("eip712");
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromHex(eip.get("privateKey").asText());
    Address signer = Address.fromHex(eip.get("address").asText());
    assertEquals(signer, key.address());
    assertEquals(Eip712Domain.TYPE, eip.get("domainType").asText());
    assertEquals(Eip712Domain.TYPE_HASH, bytes32(eip, "domainTypeHash"));
    assertEquals(BatchHeader.TYPE, eip.get("batchHeaderType").asText());
    assertEquals(BatchHeader.TYPE_HASH, bytes32(eip, "batchHeaderTypeHash"));
    List<Eip712Domain> domains = new ArrayList<>();
    eachOf(
        eip.get("domains"),
        d -> {
          Eip712Domain domain =
              new Eip712Domain(
                  d.get("name").asText(),
                  d.get("version").asText(),
                  new BigInteger(d.get("chainId").asText()),
                  Address.fromHex(d.get("verifyingContract").asText()));
          assertEquals(bytes32(d, "separator"), domain.separator());
          domains.add(domain);
        });
    eachOf(
        eip.get("headers"),
        h -> {
          Eip712Domain domain = domains.get(h.get("domain").asInt());
          BatchHeader header =
              new BatchHeader(
                  Address.fromHex(h.get("gateway").asText()),
                  Long.parseLong(h.get("batchSeq").asText()),
                  bytes32(h, "prevHeaderHash"),
                  bytes32(h, "root"),
                  Long.parseLong(h.get("size").asText()),
                  Long.parseLong(h.get("firstTimestamp").asText()),
                  Long.parseLong(h.get("lastTimestamp").asText()));
          assertEquals(bytes32(h, "structHash"), header.structHash());
          assertEquals(bytes32(h, "digest"), header.digest(domain));
          Signature signature = Signature.fromHex(h.get("signature").asText());
          assertEquals(signature, Secp256k1.sign(header.digest(domain), key)); // RFC 6979
          assertEquals(signer, Secp256k1.recover(header.digest(domain), signature));
          assertEquals(
              bytes32(h, "signatureHash"),
              new SignedBatchHeader(header, signature).signatureHash());
        });
  }

  @Test
  void payoutTrees() {
    eachOf(
        vectors.get("payoutTrees"),
        t -> {
          List<PayoutLeaf> leaves = new ArrayList<>();
          for (JsonNode l : t.get("leaves")) {
            leaves.add(
                new PayoutLeaf(
                    new BigInteger(l.get("chainId").asText()),
                    Address.fromHex(l.get("distributor").asText()),
                    PayoutPool.fromCode(l.get("pool").asInt()),
                    Long.parseLong(l.get("epoch").asText()),
                    Address.fromHex(l.get("account").asText()),
                    new BigInteger(l.get("cumulativeAmount").asText())));
          }
          PayoutTree tree = PayoutTree.of(leaves);
          Bytes32 root = bytes32(t, "root");
          assertEquals(root, tree.root());
          for (int i = 0; i < leaves.size(); i++) {
            JsonNode l = t.get("leaves").get(i);
            List<Bytes32> proof = path(l, "proof");
            assertEquals(bytes32(l, "leafHash"), leaves.get(i).hash());
            assertEquals(l.get("treeIndex").asInt(), tree.treeIndex(i));
            assertEquals(proof, tree.proof(i));
            assertTrue(PayoutTree.verify(root, bytes32(l, "leafHash"), proof));
          }
        });
  }

  @Test
  void checkpointsAndAnchorEvents() {
    eachOf(
        vectors.get("checkpoints"),
        c -> {
          Checkpoint checkpoint =
              new Checkpoint(
                  Long.parseLong(c.get("epoch").asText()),
                  bytes32(c, "root"),
                  Long.parseLong(c.get("size").asText()),
                  bytes32(c, "prevCheckpoint"));
          assertEquals(bytes32(c, "checkpoint"), checkpoint.hash());
          assertEquals(path(c, "eventTopics"), List.of(AnchorEvent.topics(checkpoint)));
          assertEquals(c.get("eventData").asText(), Hex.encode(AnchorEvent.data(checkpoint)));
        });
  }

  // ---- (c) every adversarial case is rejected, for the stated reason

  @Test
  void everyInvalidCaseIsRejectedForTheStatedReason() {
    List<String> wrong = new ArrayList<>();
    for (JsonNode c : vectors.get("invalid")) {
      String kind = c.get("kind").asText();
      String want = c.get("reason").asText();
      String got =
          switch (kind) {
            case "inclusion" -> inclusionRejection(c);
            case "consistency" -> consistencyRejection(c);
            case "readingLeaf" -> readingLeafRejection(c);
            case "canonicalReading" -> canonicalRejection(c, want);
            default -> "unknown kind " + kind;
          };
      if (!want.equals(got)) {
        wrong.add(kind + " '" + c.get("description").asText() + "': want " + want + ", got " + got);
      }
    }
    assertTrue(
        wrong.isEmpty(),
        () ->
            wrong.size()
                + " cases:\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(20, wrong.size()))));
  }

  @Test
  void invalidCasesCoverEveryMutation() {
    List<String> descriptions = new ArrayList<>();
    vectors
        .get("invalid")
        .forEach(
            c -> descriptions.add(c.get("kind").asText() + ": " + c.get("description").asText()));
    for (String mutation :
        List.of(
            "inclusion: .* bit 255 of path\\[3\\] flipped",
            "inclusion: .* claimed as index .*",
            "inclusion: .* claimed in a tree of .*",
            "inclusion: .* last path element dropped",
            "inclusion: .* appended to the path",
            "inclusion: .* checked against the root of .*",
            "consistency: .* old and new roots swapped",
            "consistency: .* claimed with (old|new) size .*",
            "consistency: .* dropped",
            "consistency: .* appended to the path",
            "readingLeaf: batch leaf .*",
            "canonicalReading: one byte after the last measurement")) {
      Pattern pattern = Pattern.compile(mutation);
      assertTrue(
          descriptions.stream().anyMatch(d -> pattern.matcher(d).matches()),
          "no invalid case matches " + mutation);
    }
    // every bit of one path element, for several (index, size)
    long everyBit =
        descriptions.stream().filter(d -> d.startsWith("inclusion: leaf 13 of 16: bit ")).count();
    assertEquals(256, everyBit);
  }

  private static String inclusionRejection(JsonNode c) {
    try {
      MerkleVerifier.verifyInclusion(
          new InclusionProof(
              c.get("leafIndex").asLong(), c.get("treeSize").asLong(), path(c, "path")),
          bytes32(c, "leafHash"),
          bytes32(c, "root"));
      return "accepted";
    } catch (ProofException e) {
      return e.reason().name();
    }
  }

  private static String consistencyRejection(JsonNode c) {
    try {
      MerkleVerifier.verifyConsistency(
          new ConsistencyProof(
              c.get("oldSize").asLong(), c.get("newSize").asLong(), path(c, "path")),
          bytes32(c, "oldRoot"),
          bytes32(c, "newRoot"));
      return "accepted";
    } catch (ProofException e) {
      return e.reason().name();
    }
  }

  /**
   * A reading-leaf check: the data must be a reading leaf's encoding, whose first word is the
   * reading tag. The case's leaf hash is in its tree (the plain inclusion check passes), so only
   * the tag tells the leaf kinds apart.
   */
  private static String readingLeafRejection(JsonNode c) {
    byte[] data = Hex.decode(c.get("data").asText());
    Bytes32 leafHash = bytes32(c, "leafHash");
    assertEquals(MerkleHasher.hashLeaf(data), leafHash);
    MerkleVerifier.verifyInclusion(
        new InclusionProof(
            c.get("leafIndex").asLong(), c.get("treeSize").asLong(), path(c, "path")),
        leafHash,
        bytes32(c, "root"));
    if (data.length != 256) {
      return "leaf data is " + data.length + " bytes, want 256";
    }
    BigInteger tag = new BigInteger(1, Arrays.copyOf(data, 32));
    if (tag.equals(BigInteger.valueOf(LeafType.READING.tag()))) {
      return "accepted";
    }
    String kind = tag.equals(BigInteger.valueOf(LeafType.BATCH.tag())) ? "batch leaf" : "unknown";
    return String.format(
        "leaf type tag 0x%02x (%s), want 0x%02x (reading leaf)", tag, kind, LeafType.READING.tag());
  }

  /** The stated reason if the decoder refuses the bytes with a matching message. */
  private static String canonicalRejection(JsonNode c, String reason) {
    byte[] bytes = Hex.decode(c.get("canonical").asText());
    try {
      CanonicalReading.fromCanonicalBytes(bytes);
      return "accepted";
    } catch (IllegalArgumentException e) {
      String expected = CANONICAL_REASONS.get(reason);
      if (expected == null) {
        return "a reason this test does not know";
      }
      return Pattern.compile(expected).matcher(e.getMessage()).find()
          ? reason
          : "a decoder message '" + e.getMessage() + "'";
    }
  }

  // ---- helpers

  private static void eachOf(JsonNode array, Consumer<JsonNode> check) {
    assertTrue(array.isArray() && !array.isEmpty(), "missing or empty section");
    int i = 0;
    for (JsonNode element : array) {
      try {
        check.accept(element);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("vector " + i + " " + element.path("description").asText(""), e);
      }
      i++;
    }
  }

  private static List<byte[]> leafData(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new byte[] {(byte) i});
    }
    return out;
  }

  private static Bytes32 bytes32(JsonNode node, String field) {
    return Bytes32.fromHex(node.get(field).asText());
  }

  private static List<Bytes32> path(JsonNode node, String field) {
    List<Bytes32> out = new ArrayList<>();
    node.get(field).forEach(e -> out.add(Bytes32.fromHex(e.asText())));
    return out;
  }
}
