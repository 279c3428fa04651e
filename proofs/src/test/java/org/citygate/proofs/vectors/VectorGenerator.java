package org.citygate.proofs.vectors;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.anchor.AnchorEvent;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.batch.BatchSealer;
import org.citygate.proofs.batch.SaltedReading;
import org.citygate.proofs.batch.SealedBatch;
import org.citygate.proofs.bundle.BundleFormatException;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.bundle.ProofBundleJson;
import org.citygate.proofs.bundle.ProofBundles;
import org.citygate.proofs.bundle.ReadingJson;
import org.citygate.proofs.eip712.BatchHeader;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.InvalidSignatureException;
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
import org.citygate.proofs.merkle.ProofException.Reason;
import org.citygate.proofs.payout.PayoutLeaf;
import org.citygate.proofs.payout.PayoutPool;
import org.citygate.proofs.payout.PayoutTree;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.citygate.proofs.verify.BundleVerifier;
import org.citygate.proofs.verify.Step;
import org.citygate.proofs.verify.StepResult;
import org.citygate.proofs.verify.VerificationReport;

/**
 * Writes Citygate's shared test vectors: {@code proofs/vectors/proof-vectors.json} (known answers
 * and adversarial cases, layout in {@code docs/proof-format.md} §11) and the example proof bundles
 * in {@code proofs/vectors/bundles/} with their {@code manifest.json}.
 *
 * <p>Everything is deterministic: fixed leaf inputs ({@code D[i] = [i]}), a fixed {@link Random}
 * seed, fixed keys (anvil's public dev keys, never for real funds) and RFC 6979 signatures, and
 * JSON with sorted keys, two-space indent and {@code \n} line ends. So the files are a pure
 * function of this class and the production code, and {@code ProofVectorsTest} can check that the
 * committed files are exactly what it writes.
 *
 * <p>Regenerate, from the repository root, after a deliberate format change (then review the diff):
 *
 * <pre>
 * ./mvnw -B -q -pl proofs test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.citygate.proofs.vectors.VectorGenerator \
 *     -Dexec.args=proofs/vectors/proof-vectors.json
 * </pre>
 *
 * <p>The generator checks itself as it goes: tree roots and proofs against a naive transcription of
 * RFC 6962, canonical reading bytes against an encoder written here from the spec, every
 * adversarial case against the verifier (it must fail, for the stated reason), and every bundle
 * against the reader and the offline verifier (it must fail at the stated step). A case that does
 * not behave stops the generation.
 */
public final class VectorGenerator {
  /** The vector file's name inside the vectors directory. */
  public static final String VECTORS_FILE = "proof-vectors.json";

  /** The bundle directory's name inside the vectors directory. */
  public static final String BUNDLES_DIR = "bundles";

  /** The bundle manifest's name inside the bundle directory. */
  public static final String MANIFEST_FILE = "manifest.json";

  /** The command that rewrites the committed files, run from the repository root. */
  public static final String REGENERATE_COMMAND =
      "./mvnw -B -q -pl proofs test-compile exec:java -Dexec.classpathScope=test"
          + " -Dexec.mainClass=org.citygate.proofs.vectors.VectorGenerator"
          + " -Dexec.args=proofs/vectors/proof-vectors.json";

  /** Largest tree in the known-answer sections. */
  static final int MAX_SIZE = 64;

  /** Seed of the one {@link Random} (which bit to flip where not every bit is flipped). */
  static final long SEED = 20260101L;

  /** anvil's dev account 0: the gateway and EIP-712 test key. Public; never for real funds. */
  static final String TEST_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  /** anvil's dev account 1: a key that is not the gateway's. */
  static final String OTHER_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  /** anvil's dev accounts 2 and 3: two other gateways of the epoch log. */
  static final String GATEWAY_B_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

  static final String GATEWAY_C_KEY =
      "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

  /** anvil's chain id and the address of the first contract deployed by account 0. */
  static final BigInteger CHAIN_ID = BigInteger.valueOf(31337);

  static final Address REGISTRY = Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");

  /** The second contract account 0 deploys: a payout distributor, or another registry. */
  static final Address SECOND_CONTRACT =
      Address.fromHex("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");

  /** 2026-01-01T00:00:00Z in Unix milliseconds. */
  static final long T0 = 1_767_225_600_000L;

  static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /** The words reason of a batch leaf offered as a reading leaf. */
  static final String READING_LEAF_TAG_REASON =
      "leaf type tag 0x02 (batch leaf), want 0x01 (reading leaf)";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Sorted keys for the vector file and the manifest. */
  private static final JsonMapper SORTED =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  /** Same output style as {@link ProofBundleJson#write}, for edited bundle trees. */
  private static final JsonMapper BUNDLE_STYLE =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Random random = new Random(SEED);
  private final List<byte[]> leafData = leafData(MAX_SIZE);
  private final MerkleTree tree = MerkleTree.fromLeafData(leafData);
  private final Scenario scenario = new Scenario();
  private final ArrayNode invalid = NODES.arrayNode();
  private final List<String> equivalentSizes = new ArrayList<>();

  private VectorGenerator() {}

  /**
   * Writes the vector file to {@code args[0]} and the bundles to {@code bundles/} beside it,
   * deleting bundle files it no longer generates.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException(
          "usage: VectorGenerator OUTPUT (e.g. proofs/vectors/proof-vectors.json); or run "
              + REGENERATE_COMMAND);
    }
    Path output = Path.of(args[0]).toAbsolutePath();
    Path directory = output.getParent();
    Path bundles = directory.resolve(BUNDLES_DIR);
    SortedMap<String, String> files = generate();
    Files.createDirectories(bundles);
    try (Stream<Path> existing = Files.list(bundles)) {
      for (Path old : existing.toList()) {
        String key = BUNDLES_DIR + "/" + old.getFileName();
        if (old.toString().endsWith(".json") && !files.containsKey(key)) {
          Files.delete(old);
        }
      }
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = file.getKey().equals(VECTORS_FILE) ? output : directory.resolve(file.getKey());
      Files.writeString(target, file.getValue(), UTF_8);
    }
    System.out.println("wrote " + output + " and " + (files.size() - 1) + " files in " + bundles);
  }

  /**
   * Every generated file, keyed by its path relative to the vectors directory: {@value
   * #VECTORS_FILE}, {@code bundles/*.json} and {@code bundles/manifest.json}.
   */
  public static SortedMap<String, String> generate() {
    return new VectorGenerator().run();
  }

  private SortedMap<String, String> run() {
    ObjectNode root = NODES.objectNode();
    root.set("hashes", hashes());
    root.set("trees", trees());
    root.set("inclusion", inclusion());
    root.set("consistency", consistency());
    root.set("leaves", leaves());
    root.set("canonicalReadings", canonicalReadings());
    root.set("eip712", eip712());
    root.set("payoutTrees", payoutTrees());
    root.set("checkpoints", checkpoints());
    invalidInclusion();
    invalidConsistency();
    invalidReadingLeaves();
    invalidCanonicalReadings();
    root.set("invalid", invalid);
    root.set("generator", generatorInfo(root));

    SortedMap<String, String> files = new TreeMap<>();
    files.put(VECTORS_FILE, sortedJson(root));
    new BundleWriter(files).writeAll();
    return Collections.unmodifiableSortedMap(files);
  }

  // ---------------------------------------------------------------------------------------------
  // generator, hashes, trees, inclusion, consistency

  private ObjectNode generatorInfo(ObjectNode root) {
    ObjectNode info = NODES.objectNode();
    info.put("class", VectorGenerator.class.getName());
    info.put("command", REGENERATE_COMMAND);
    info.put("formatVersion", 1);
    info.put("seed", SEED);
    info.put("leafInputs", "D[i] is the single byte i (0x00, 0x01, ...); trees[n] is MTH(D[0..n))");
    ObjectNode counts = info.putObject("counts");
    for (String section : List.of("inclusion", "consistency", "invalid")) {
      counts.put(section, root.get(section).size());
    }
    for (String kind : List.of("inclusion", "consistency", "readingLeaf", "canonicalReading")) {
      int n = 0;
      for (JsonNode c : invalid) {
        n += c.get("kind").asText().equals(kind) ? 1 : 0;
      }
      counts.put("invalid." + kind, n);
    }
    ArrayNode notes = info.putArray("notes");
    notes.add(
        "Hex is 0x-prefixed lower case, addresses EIP-55. Tree sizes and leaf indexes are JSON"
            + " numbers; the values of ABI-typed fields (uint64, uint256) are decimal strings.");
    notes.add(
        "Bit b of a 32-byte value is bit 7 - b % 8 of byte b / 8: bit 0 is the most significant"
            + " bit of the first byte.");
    notes.add(
        "invalid[].reason for inclusion and consistency cases is the name of the Java"
            + " ProofException.Reason. A verifier that only answers yes or no must answer no; one"
            + " that names reasons must agree: INDEX_OUT_OF_RANGE when leafIndex >= treeSize,"
            + " SIZE_DECREASED when newSize < oldSize, WRONG_PROOF_SIZE when the path length is not"
            + " the RFC 9162 one for the sizes, else ROOT_MISMATCH (consistency: the old root is"
            + " compared first, OLD_ROOT_MISMATCH, then the new one, NEW_ROOT_MISMATCH).");
    notes.add(
        "Wrong-size cases are included only when they really fail. A claimed tree size whose path"
            + " has the same shape as the true size's (the same inner bits and border length, e.g."
            + " leaf 0 of 5 claimed as leaf 0 of 6, 7 or 8) rebuilds the same root from the same"
            + " path and verifies: an inclusion proof alone does not bind the tree size. The root"
            + " does, because the signed batch header and the checkpoint commit to root and size"
            + " together. "
            + equivalentSizes.size()
            + " such claims were left out, e.g. "
            + String.join("; ", equivalentSizes.subList(0, Math.min(4, equivalentSizes.size())))
            + ".");
    notes.add(
        "Consistency from size 0: the proof is empty and the old root must be MTH({}) ="
            + " keccak256(\"\"); any new root is consistent with it.");
    notes.add(
        "readingLeaf cases: leaf data whose type tag (first word) is not 0x01 must not be accepted"
            + " as a reading leaf, even though its leaf hash is in a tree with the given proof; the"
            + " reason is in words.");
    notes.add(
        "canonicalReading cases: bytes a strict decoder of docs/proof-format.md section 4 must"
            + " refuse; the reason is in words.");
    return info;
  }

  private ArrayNode hashes() {
    ArrayNode out = NODES.arrayNode();
    addHash(out, "", "the empty input (the empty tree's root; SHA3-256 would give 0xa7ffc6f8...)");
    addHash(out, "abc", null);
    addHash(out, new byte[] {0x00}, "0x00: a leaf with empty data");
    addHash(out, new byte[] {0x01}, "0x01");
    for (int length : new int[] {135, 136, 137}) {
      byte[] input = new byte[length];
      Arrays.fill(input, (byte) 'a');
      addHash(out, input, length + " bytes 'a' (the keccak-256 rate is 136 bytes)");
    }
    addHash(out, Eip712Domain.TYPE, "EIP-712 domain type");
    addHash(out, BatchHeader.TYPE, "EIP-712 batch header type");
    addHash(out, AnchorEvent.SIGNATURE, "CheckpointAnchored event topic 0");
    addHash(out, "Citygate", "EIP-712 domain name");
    addHash(out, "1", "EIP-712 domain version");
    return out;
  }

  private static void addHash(ArrayNode out, String text, String description) {
    ObjectNode entry = addHash(out, text.getBytes(UTF_8), description);
    entry.put("utf8", text);
  }

  private static ObjectNode addHash(ArrayNode out, byte[] input, String description) {
    ObjectNode entry = out.addObject();
    if (description != null) {
      entry.put("description", description);
    }
    entry.put("input", Hex.encode(input));
    entry.put("keccak256", Hex.encode(Keccak256.hash(input)));
    return entry;
  }

  private ArrayNode trees() {
    ArrayNode out = NODES.arrayNode();
    for (int n = 0; n <= MAX_SIZE; n++) {
      Bytes32 root = tree.rootAt(n);
      check(root.equals(Naive.mth(leafData.subList(0, n))), "root of " + n + " differs from naive");
      ObjectNode entry = out.addObject();
      entry.put("size", n);
      entry.put("root", root.toHex());
    }
    return out;
  }

  private ArrayNode inclusion() {
    ArrayNode out = NODES.arrayNode();
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int i = 0; i < n; i++) {
        InclusionProof proof = tree.inclusionProof(i, n);
        check(
            proof.path().equals(Naive.path(i, leafData.subList(0, n))),
            "path " + i + " of " + n + " differs from naive");
        ObjectNode entry = out.addObject();
        entry.put("leafIndex", i);
        entry.put("treeSize", n);
        entry.put("leafHash", tree.leafHash(i).toHex());
        entry.set("path", hexes(proof.path()));
        entry.put("root", tree.rootAt(n).toHex());
      }
    }
    return out;
  }

  private ArrayNode consistency() {
    ArrayNode out = NODES.arrayNode();
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int m = 1; m <= n; m++) {
        ConsistencyProof proof = tree.consistencyProof(m, n);
        check(
            proof.path().equals(Naive.proof(m, leafData.subList(0, n))),
            "consistency " + m + " -> " + n + " differs from naive");
        ObjectNode entry = out.addObject();
        entry.put("oldSize", m);
        entry.put("newSize", n);
        entry.put("oldRoot", tree.rootAt(m).toHex());
        entry.put("newRoot", tree.rootAt(n).toHex());
        entry.set("path", hexes(proof.path()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // leaves, canonical readings, EIP-712, payout trees, checkpoints

  private ObjectNode leaves() {
    ObjectNode out = NODES.objectNode();
    ArrayNode reading = out.putArray("reading");
    SealedBatch a0 = scenario.a0;
    for (int i = 0; i < a0.readings().size(); i++) {
      SaltedReading salted = a0.readings().get(i);
      ReadingLeaf leaf = salted.leaf(CHAIN_ID, a0.header().header().gateway());
      check(leaf.leafHash().equals(a0.tree().leafHash(i)), "reading leaf " + i);
      addReadingLeaf(
          reading,
          "reading " + i + " of the bundles' batch, device " + salted.reading().deviceId(),
          leaf);
    }
    addReadingLeaf(
        reading,
        "extreme values: chainId 2^256-1, gateway 0xff..ff, deviceSeq 2^63-1, timestamp 0, zero"
            + " salt",
        new ReadingLeaf(
            UINT256_MAX,
            new Address(filled(20, 0xff)),
            Bytes32.keccak(new byte[0]),
            Long.MAX_VALUE,
            0,
            Bytes32.keccak("payload".getBytes(UTF_8)),
            Bytes32.ZERO));

    ArrayNode batch = out.putArray("batch");
    for (int i = 0; i < scenario.logBatches.size(); i++) {
      SealedBatch sealed = scenario.logBatches.get(i);
      addBatchLeaf(
          batch,
          "leaf "
              + i
              + " of the bundles' epoch log: batch "
              + sealed.header().header().batchSeq()
              + " of gateway "
              + sealed.header().header().gateway(),
          sealed.batchLeaf());
    }
    addBatchLeaf(
        batch,
        "extreme values: chainId 2^256-1, registry 0xff..ff, gateway zero, batchSeq and batchSize"
            + " 2^63-1",
        new BatchLeaf(
            UINT256_MAX,
            new Address(filled(20, 0xff)),
            Address.ZERO,
            Long.MAX_VALUE,
            new Bytes32(filled(32, 0xee)),
            Long.MAX_VALUE,
            new Bytes32(filled(32, 0x11))));

    ArrayNode salts = out.putArray("salts");
    for (SaltedReading salted : a0.readings()) {
      CanonicalReading r = salted.reading();
      String readingId = Salts.readingId(r.deviceId(), r.deviceSeq());
      Bytes32 salt = Salts.derive(subjectKey(r.deviceId()), readingId);
      check(salt.equals(salted.salt()), "salt of " + readingId);
      ObjectNode entry = salts.addObject();
      entry.put("subjectKey", Hex.encode(subjectKey(r.deviceId())));
      entry.put("readingId", readingId);
      entry.put("salt", salt.toHex());
    }
    return out;
  }

  private static void addReadingLeaf(ArrayNode out, String description, ReadingLeaf leaf) {
    ObjectNode entry = out.addObject();
    entry.put("description", description);
    entry.put("chainId", leaf.chainId().toString());
    entry.put("gateway", leaf.gateway().toString());
    entry.put("deviceId", leaf.deviceId().toHex());
    entry.put("deviceSeq", Long.toString(leaf.deviceSeq()));
    entry.put("timestampMillis", Long.toString(leaf.timestampMillis()));
    entry.put("payloadHash", leaf.payloadHash().toHex());
    entry.put("salt", leaf.salt().toHex());
    entry.put("data", Hex.encode(leaf.encode()));
    entry.put("leafHash", leaf.leafHash().toHex());
  }

  private static void addBatchLeaf(ArrayNode out, String description, BatchLeaf leaf) {
    ObjectNode entry = out.addObject();
    entry.put("description", description);
    entry.put("chainId", leaf.chainId().toString());
    entry.put("registry", leaf.registry().toString());
    entry.put("gateway", leaf.gateway().toString());
    entry.put("batchSeq", Long.toString(leaf.batchSeq()));
    entry.put("batchRoot", leaf.batchRoot().toHex());
    entry.put("batchSize", Long.toString(leaf.batchSize()));
    entry.put("headerSigHash", leaf.headerSigHash().toHex());
    entry.put("data", Hex.encode(leaf.encode()));
    entry.put("leafHash", leaf.leafHash().toHex());
  }

  private ArrayNode canonicalReadings() {
    ArrayNode out = NODES.arrayNode();
    for (SaltedReading salted : scenario.a0.readings()) {
      addCanonical(out, "a reading of the bundles' batch", salted.reading());
    }
    addCanonical(
        out,
        "decimal extremes: the smallest mantissa, the exponent bounds, zero, a negative fraction",
        reading(
            "citygate/test-extremes@1",
            "extreme-01",
            0,
            0,
            dec("a_min", "", "-9223372036854775808"),
            dec("b_max", "", "9223372036854775807"),
            dec("c_tiny", "m", "1E-128"),
            dec("d_huge", "m", "9E+127"),
            dec("e_zero", "Cel", "0.000"),
            dec("f_neg", "Cel", "-0.001"),
            dec("g_int", "W", "1200")));
    addCanonical(
        out,
        "names sorted by unsigned bytes: '-' < '.' < '0' < ':' < '_' (given in another order); deviceSeq 2^53-1",
        reading(
            "citygate/test-order@1",
            "order-01",
            (1L << 53) - 1, // the largest the JSON view holds exactly
            T0,
            flag("b", "", true),
            flag("a_b", "", false),
            flag("a:b", "", true),
            flag("a0", "", false),
            flag("a.b", "", true),
            flag("a-b", "", false),
            flag("a", "", true)));
    addCanonical(
        out,
        "texts: UTF-8 beyond ASCII, the empty text, the longest text (256 bytes)",
        reading(
            "citygate/streetlight-status@1",
            "lampe-été-0310",
            55,
            T0 + 3000,
            text("fault", "", "Störung: Treiber überhitzt ✓"),
            text("note", "", ""),
            text("payload", "", "x".repeat(256))));
    return out;
  }

  private static void addCanonical(ArrayNode out, String description, CanonicalReading reading) {
    byte[] canonical = reading.toCanonicalBytes();
    check(Arrays.equals(canonical, RawReading.encode(reading)), "canonical bytes of " + reading);
    check(CanonicalReading.fromCanonicalBytes(canonical).equals(reading), "decode " + reading);
    ObjectNode entry = out.addObject();
    entry.put("description", description);
    entry.set("reading", ReadingJson.toJson(reading));
    entry.put("canonical", Hex.encode(canonical));
    entry.put("payloadHash", reading.payloadHash().toHex());
    entry.put("deviceIdHash", reading.deviceIdHash().toHex());
  }

  private ObjectNode eip712() {
    Secp256k1PrivateKey key = scenario.keyA;
    Address gateway = key.address();
    List<Eip712Domain> domains =
        List.of(
            Eip712Domain.citygate(CHAIN_ID, REGISTRY),
            Eip712Domain.citygate(BigInteger.ONE, REGISTRY),
            Eip712Domain.citygate(CHAIN_ID, SECOND_CONTRACT));
    ObjectNode out = NODES.objectNode();
    out.put("privateKey", TEST_KEY);
    out.put("address", gateway.toString());
    out.put("domainType", Eip712Domain.TYPE);
    out.put("domainTypeHash", Eip712Domain.TYPE_HASH.toHex());
    out.put("batchHeaderType", BatchHeader.TYPE);
    out.put("batchHeaderTypeHash", BatchHeader.TYPE_HASH.toHex());
    ArrayNode domainList = out.putArray("domains");
    for (Eip712Domain domain : domains) {
      ObjectNode entry = domainList.addObject();
      entry.put("name", domain.name());
      entry.put("version", domain.version());
      entry.put("chainId", domain.chainId().toString());
      entry.put("verifyingContract", domain.verifyingContract().toString());
      entry.put("separator", domain.separator().toHex());
    }
    ArrayNode headers = out.putArray("headers");
    BatchHeader a0 = scenario.a0.header().header();
    BatchHeader a1 = scenario.a1.header().header();
    addHeader(headers, "batch 0 of the bundles' gateway (its first)", domains, 0, a0, key);
    addHeader(headers, "batch 1, chained to batch 0's header hash", domains, 0, a1, key);
    addHeader(headers, "batch 0 on another chain (chainId 1)", domains, 1, a0, key);
    addHeader(headers, "batch 0 for another registry", domains, 2, a0, key);
    addHeader(
        headers,
        "extreme values: batchSeq, size and lastTimestamp 2^63-1, firstTimestamp 0",
        domains,
        0,
        new BatchHeader(
            gateway,
            Long.MAX_VALUE,
            new Bytes32(filled(32, 0xff)),
            MerkleHasher.emptyRoot(),
            Long.MAX_VALUE,
            0,
            Long.MAX_VALUE),
        key);
    addHeader(
        headers,
        "one reading: firstTimestamp = lastTimestamp",
        domains,
        0,
        new BatchHeader(gateway, 7, a1.digest(domains.get(0)), tree.rootAt(1), 1, T0, T0),
        key);
    return out;
  }

  private static void addHeader(
      ArrayNode out,
      String description,
      List<Eip712Domain> domains,
      int domainIndex,
      BatchHeader header,
      Secp256k1PrivateKey key) {
    Eip712Domain domain = domains.get(domainIndex);
    SignedBatchHeader signed = SignedBatchHeader.sign(header, domain, key);
    check(signed.recoverSigner(domain).equals(key.address()), "signature of " + description);
    ObjectNode entry = out.addObject();
    entry.put("description", description);
    entry.put("domain", domainIndex);
    entry.put("gateway", header.gateway().toString());
    entry.put("batchSeq", Long.toString(header.batchSeq()));
    entry.put("prevHeaderHash", header.prevHeaderHash().toHex());
    entry.put("root", header.root().toHex());
    entry.put("size", Long.toString(header.size()));
    entry.put("firstTimestamp", Long.toString(header.firstTimestamp()));
    entry.put("lastTimestamp", Long.toString(header.lastTimestamp()));
    entry.put("structHash", header.structHash().toHex());
    entry.put("digest", header.digest(domain).toHex());
    entry.put("signature", signed.signature().toHex());
    entry.put("signatureHash", signed.signatureHash().toHex());
  }

  private ArrayNode payoutTrees() {
    ArrayNode out = NODES.arrayNode();
    Address distributor = REGISTRY;
    addPayoutTree(
        out,
        "the sample of tools/interop/samples/payout-tree.json: rewards pool, epoch 7",
        List.of(
            payout(distributor, PayoutPool.REWARDS, 7, anvil(0), "1000000000000000000"),
            payout(distributor, PayoutPool.REWARDS, 7, anvil(1), "2500000000000000000"),
            payout(distributor, PayoutPool.REWARDS, 7, anvil(2), "42")));
    addPayoutTree(
        out,
        "one leaf: the root is the leaf hash, the proof is empty",
        List.of(payout(SECOND_CONTRACT, PayoutPool.ENERGY, 0, anvil(0), "0")));
    List<PayoutLeaf> seven = new ArrayList<>();
    String[] amounts = {"1", "0", "123456789", UINT256_MAX.toString(), "5000", "77", "999999999"};
    for (int i = 0; i < amounts.length; i++) {
      Address account =
          new Address(last20(Keccak256.hash(("payout account " + i).getBytes(UTF_8))));
      seven.add(payout(SECOND_CONTRACT, PayoutPool.ENERGY, 12, account, amounts[i]));
    }
    addPayoutTree(out, "seven leaves (not a power of two), energy pool, epoch 12", seven);
    return out;
  }

  private static void addPayoutTree(ArrayNode out, String description, List<PayoutLeaf> leaves) {
    PayoutTree payout = PayoutTree.of(leaves);
    ObjectNode entry = out.addObject();
    entry.put("description", description);
    entry.put("root", payout.root().toHex());
    ArrayNode list = entry.putArray("leaves");
    for (int i = 0; i < leaves.size(); i++) {
      PayoutLeaf leaf = leaves.get(i);
      check(PayoutTree.verify(payout.root(), leaf.hash(), payout.proof(i)), "payout proof " + i);
      ObjectNode item = list.addObject();
      item.put("chainId", leaf.chainId().toString());
      item.put("distributor", leaf.distributor().toString());
      item.put("pool", leaf.pool().code());
      item.put("epoch", Long.toString(leaf.epoch()));
      item.put("account", leaf.account().toString());
      item.put("cumulativeAmount", leaf.cumulativeAmount().toString());
      item.put("leafHash", leaf.hash().toHex());
      item.put("treeIndex", payout.treeIndex(i));
      item.set("proof", hexes(payout.proof(i)));
    }
  }

  private static PayoutLeaf payout(
      Address distributor, PayoutPool pool, long epoch, Address account, String amount) {
    return new PayoutLeaf(CHAIN_ID, distributor, pool, epoch, account, new BigInteger(amount));
  }

  private ArrayNode checkpoints() {
    ArrayNode out = NODES.arrayNode();
    addCheckpoint(out, "epoch 0 of the bundles' epoch log (the first: prev is zero)", scenario.cp0);
    addCheckpoint(out, "epoch 1 of the bundles' epoch log", scenario.cp1);
    addCheckpoint(
        out,
        "extreme values: epoch 2^63-1, the empty log",
        new Checkpoint(Long.MAX_VALUE, MerkleHasher.emptyRoot(), 0, new Bytes32(filled(32, 0xff))));
    return out;
  }

  private static void addCheckpoint(ArrayNode out, String description, Checkpoint checkpoint) {
    ObjectNode entry = out.addObject();
    entry.put("description", description);
    entry.put("epoch", Long.toString(checkpoint.epoch()));
    entry.put("size", Long.toString(checkpoint.size()));
    entry.put("root", checkpoint.root().toHex());
    entry.put("prevCheckpoint", checkpoint.prevCheckpoint().toHex());
    entry.put("checkpoint", checkpoint.hash().toHex());
    entry.set("eventTopics", hexes(List.of(AnchorEvent.topics(checkpoint))));
    entry.put("eventData", Hex.encode(AnchorEvent.data(checkpoint)));
  }

  // ---------------------------------------------------------------------------------------------
  // invalid: inclusion

  private void invalidInclusion() {
    // Every bit of one path element, for a few (index, size) and elements: inner left and right
    // siblings, a border sibling, the top of a complete tree.
    int[][] everyBit = {{0, 2, 0}, {2, 5, 1}, {6, 7, 1}, {13, 16, 3}};
    for (int[] c : everyBit) {
      int i = c[0];
      int n = c[1];
      int e = c[2];
      List<Bytes32> path = tree.inclusionProof(i, n).path();
      for (int bit = 0; bit < 256; bit++) {
        List<Bytes32> flipped = replace(path, e, flip(path.get(e), bit));
        inclusionCase(
            at(i, n) + ": bit " + bit + " of path[" + e + "] flipped",
            i,
            n,
            tree.leafHash(i),
            flipped,
            tree.rootAt(n),
            false);
      }
    }
    // One random bit of every path element, of the leaf hash and of the root, for every index.
    for (int n : new int[] {5, 8, 33}) {
      for (int i = 0; i < n; i++) {
        List<Bytes32> path = tree.inclusionProof(i, n).path();
        Bytes32 leaf = tree.leafHash(i);
        Bytes32 root = tree.rootAt(n);
        for (int e = 0; e < path.size(); e++) {
          int bit = random.nextInt(256);
          inclusionCase(
              at(i, n) + ": bit " + bit + " of path[" + e + "] flipped",
              i,
              n,
              leaf,
              replace(path, e, flip(path.get(e), bit)),
              root,
              false);
        }
        int bit = random.nextInt(256);
        inclusionCase(
            at(i, n) + ": bit " + bit + " of the leaf hash flipped",
            i,
            n,
            flip(leaf, bit),
            path,
            root,
            false);
        bit = random.nextInt(256);
        inclusionCase(
            at(i, n) + ": bit " + bit + " of the root flipped",
            i,
            n,
            leaf,
            path,
            flip(root, bit),
            false);
      }
    }
    // Wrong index, wrong size, truncated, extended and swapped roots for every index of small
    // trees.
    for (int n = 1; n <= 10; n++) {
      Bytes32 root = tree.rootAt(n);
      for (int i = 0; i < n; i++) {
        List<Bytes32> path = tree.inclusionProof(i, n).path();
        Bytes32 leaf = tree.leafHash(i);
        if (i > 0) {
          inclusionCase(
              at(i, n) + " claimed as index " + (i - 1), i - 1, n, leaf, path, root, false);
        }
        inclusionCase(at(i, n) + " claimed as index " + (i + 1), i + 1, n, leaf, path, root, false);
        for (long claimed : new long[] {n - 1, n + 1, 2L * n}) {
          if (claimed >= 1) {
            inclusionCase(
                at(i, n) + " claimed in a tree of " + claimed, i, claimed, leaf, path, root, true);
          }
        }
        if (!path.isEmpty()) {
          inclusionCase(
              at(i, n) + ": last path element dropped",
              i,
              n,
              leaf,
              path.subList(0, path.size() - 1),
              root,
              false);
        }
        if (path.size() > 1) {
          inclusionCase(
              at(i, n) + ": first path element dropped",
              i,
              n,
              leaf,
              path.subList(1, path.size()),
              root,
              false);
        }
        List<Bytes32> extended = new ArrayList<>(path);
        extended.add(root);
        inclusionCase(
            at(i, n) + ": the root appended to the path", i, n, leaf, extended, root, false);
        extended = new ArrayList<>(path);
        extended.add(Bytes32.ZERO);
        inclusionCase(
            at(i, n) + ": a zero word appended to the path", i, n, leaf, extended, root, false);
        if (n > 1) {
          inclusionCase(
              at(i, n) + " checked against the root of " + (n - 1) + " leaves",
              i,
              n,
              leaf,
              path,
              tree.rootAt(n - 1),
              false);
        }
        inclusionCase(
            at(i, n) + " checked against the root of " + (n + 1) + " leaves",
            i,
            n,
            leaf,
            path,
            tree.rootAt(n + 1),
            false);
        if (n > 1) { // with one leaf, the leaf hash is the root
          inclusionCase(at(i, n) + ": leaf hash and root swapped", i, n, root, path, leaf, false);
        }
      }
    }
  }

  private static String at(long i, long n) {
    return "leaf " + i + " of " + n;
  }

  /** Adds a case that must fail; a wrong-size claim that verifies is left out, and counted. */
  private void inclusionCase(
      String description,
      long index,
      long size,
      Bytes32 leaf,
      List<Bytes32> path,
      Bytes32 root,
      boolean mayVerify) {
    Reason reason = inclusionRejection(index, size, leaf, path, root);
    if (reason == null) {
      check(mayVerify, "expected to fail, but verifies: " + description);
      equivalentSizes.add(description);
      return;
    }
    ObjectNode entry = invalid.addObject();
    entry.put("kind", "inclusion");
    entry.put("description", description);
    entry.put("leafIndex", index);
    entry.put("treeSize", size);
    entry.put("leafHash", leaf.toHex());
    entry.set("path", hexes(path));
    entry.put("root", root.toHex());
    entry.put("reason", reason.name());
  }

  static Reason inclusionRejection(
      long index, long size, Bytes32 leaf, List<Bytes32> path, Bytes32 root) {
    try {
      MerkleVerifier.verifyInclusion(new InclusionProof(index, size, path), leaf, root);
      return null;
    } catch (ProofException e) {
      return e.reason();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // invalid: consistency

  private void invalidConsistency() {
    for (int n = 2; n <= 8; n++) {
      for (int m = 1; m < n; m++) {
        List<Bytes32> path = tree.consistencyProof(m, n).path();
        Bytes32 oldRoot = tree.rootAt(m);
        Bytes32 newRoot = tree.rootAt(n);
        String what = m + " -> " + n;
        for (int e = 0; e < path.size(); e++) {
          int bit = random.nextInt(256);
          consistencyCase(
              what + ": bit " + bit + " of path[" + e + "] flipped",
              m,
              n,
              oldRoot,
              newRoot,
              replace(path, e, flip(path.get(e), bit)),
              false);
        }
        consistencyCase(what + ": old and new roots swapped", m, n, newRoot, oldRoot, path, false);
        consistencyCase(
            what + ": bit 0 of the old root flipped", m, n, flip(oldRoot, 0), newRoot, path, false);
        consistencyCase(
            what + ": bit 255 of the new root flipped",
            m,
            n,
            oldRoot,
            flip(newRoot, 255),
            path,
            false);
        consistencyCase(
            what + ": sizes reversed (" + n + " -> " + m + ")",
            n,
            m,
            newRoot,
            oldRoot,
            path,
            false);
        for (int claimed : new int[] {m - 1, m + 1}) {
          if (claimed >= 0 && claimed <= n) {
            consistencyCase(
                what + " claimed with old size " + claimed,
                claimed,
                n,
                oldRoot,
                newRoot,
                path,
                true);
          }
        }
        for (int claimed : new int[] {n - 1, n + 1}) {
          if (claimed >= m) {
            consistencyCase(
                what + " claimed with new size " + claimed,
                m,
                claimed,
                oldRoot,
                newRoot,
                path,
                true);
          }
        }
        consistencyCase(
            what + ": last path element dropped",
            m,
            n,
            oldRoot,
            newRoot,
            path.subList(0, path.size() - 1),
            false);
        if (path.size() > 1) {
          consistencyCase(
              what + ": first path element dropped",
              m,
              n,
              oldRoot,
              newRoot,
              path.subList(1, path.size()),
              false);
        }
        List<Bytes32> extended = new ArrayList<>(path);
        extended.add(newRoot);
        consistencyCase(
            what + ": the new root appended to the path", m, n, oldRoot, newRoot, extended, false);
      }
    }
    for (int n = 1; n <= 8; n++) {
      Bytes32 root = tree.rootAt(n);
      consistencyCase(
          n + " -> " + n + ": a different new root",
          n,
          n,
          root,
          tree.rootAt(n + 1),
          List.of(),
          false);
      consistencyCase(
          n + " -> " + n + ": a non-empty path", n, n, root, root, List.of(root), false);
      consistencyCase(
          "0 -> " + n + ": a non-empty path",
          0,
          n,
          MerkleHasher.emptyRoot(),
          root,
          List.of(root),
          false);
      consistencyCase(
          "0 -> " + n + ": an old root other than keccak256(\"\")",
          0,
          n,
          tree.rootAt(1),
          root,
          List.of(),
          false);
    }
  }

  private void consistencyCase(
      String description,
      long oldSize,
      long newSize,
      Bytes32 oldRoot,
      Bytes32 newRoot,
      List<Bytes32> path,
      boolean mayVerify) {
    Reason reason = consistencyRejection(oldSize, newSize, oldRoot, newRoot, path);
    if (reason == null) {
      check(mayVerify, "expected to fail, but verifies: " + description);
      equivalentSizes.add("consistency " + description);
      return;
    }
    ObjectNode entry = invalid.addObject();
    entry.put("kind", "consistency");
    entry.put("description", description);
    entry.put("oldSize", oldSize);
    entry.put("newSize", newSize);
    entry.put("oldRoot", oldRoot.toHex());
    entry.put("newRoot", newRoot.toHex());
    entry.set("path", hexes(path));
    entry.put("reason", reason.name());
  }

  static Reason consistencyRejection(
      long oldSize, long newSize, Bytes32 oldRoot, Bytes32 newRoot, List<Bytes32> path) {
    try {
      MerkleVerifier.verifyConsistency(
          new ConsistencyProof(oldSize, newSize, path), oldRoot, newRoot);
      return null;
    } catch (ProofException e) {
      return e.reason();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // invalid: leaf type swap, canonical readings

  private void invalidReadingLeaves() {
    for (int index : new int[] {Scenario.A0_LOG_INDEX, 0}) {
      BatchLeaf leaf = scenario.logBatches.get(index).batchLeaf();
      Checkpoint checkpoint = scenario.cp1;
      InclusionProof proof = scenario.log.inclusionProof(index, checkpoint.size());
      MerkleVerifier.verifyInclusion(proof, leaf.leafHash(), checkpoint.root());
      check(
          Byte.toUnsignedInt(leaf.encode()[31]) == LeafType.BATCH.tag(), "batch leaf tag " + index);
      ObjectNode entry = invalid.addObject();
      entry.put("kind", "readingLeaf");
      entry.put(
          "description",
          "batch leaf "
              + index
              + " of the bundles' epoch log offered as a reading leaf: its hash is in the log"
              + " (the proof verifies against the epoch root) but its type tag is 0x02");
      entry.put("data", Hex.encode(leaf.encode()));
      entry.put("leafHash", leaf.leafHash().toHex());
      entry.put("leafIndex", proof.leafIndex());
      entry.put("treeSize", proof.treeSize());
      entry.set("path", hexes(proof.path()));
      entry.put("root", checkpoint.root().toHex());
      entry.put("reason", READING_LEAF_TAG_REASON);
    }
  }

  private void invalidCanonicalReadings() {
    CanonicalReading r0 = scenario.a0.readings().get(0).reading(); // humidity, temperature
    byte[] valid = r0.toCanonicalBytes();
    canonicalCase(
        "one byte after the last measurement", concat(valid, new byte[1]), "trailing bytes");
    canonicalCase("a second encoding appended", concat(valid, valid), "trailing bytes");
    canonicalCase("the last byte missing", Arrays.copyOf(valid, valid.length - 1), "truncated");
    canonicalCase(
        "a string length that runs past the end",
        new RawReading().u8(1).u16(200).raw("citygate".getBytes(UTF_8)).toBytes(),
        "truncated");
    byte[] version2 = valid.clone();
    version2[0] = 0x02;
    canonicalCase("version byte 0x02", version2, "unsupported version");
    canonicalCase(
        "23.5 written as 2350e-2 (trailing zero in the mantissa)",
        base(2).decimal("humidity", "%", 41, 0).decimal("temperature", "Cel", 2350, -2).toBytes(),
        "decimal not normalised");
    canonicalCase(
        "zero written as 0e-1",
        base(2).decimal("humidity", "%", 41, 0).decimal("temperature", "Cel", 0, -1).toBytes(),
        "decimal not normalised");
    canonicalCase(
        "measurements not in name order",
        base(2).decimal("temperature", "Cel", 235, -1).decimal("humidity", "%", 41, 0).toBytes(),
        "measurements not sorted and unique");
    canonicalCase(
        "a measurement name twice",
        base(2)
            .decimal("temperature", "Cel", 235, -1)
            .decimal("temperature", "Cel", 235, -1)
            .toBytes(),
        "measurements not sorted and unique");
    canonicalCase("flag byte 0x02", base(1).flag("occupied", "", 2).toBytes(), "bad flag byte");
    canonicalCase(
        "value type 0x04",
        base(1).str("occupied").str("").u8(4).u8(1).toBytes(),
        "unknown value type");
    canonicalCase(
        "text with an overlong UTF-8 encoding (0xc0 0x80)",
        base(1).str("status").str("").u8(3).bytes(new byte[] {(byte) 0xc0, (byte) 0x80}).toBytes(),
        "invalid UTF-8");
    canonicalCase("no measurements", base(0).toBytes(), "no measurements");
    canonicalCase(
        "an empty deviceId",
        new RawReading()
            .u8(1)
            .str("citygate/env-sensor-senml@1")
            .str("")
            .u64(17)
            .u64(T0)
            .u16(1)
            .flag("occupied", "", 1)
            .toBytes(),
        "bad identifier");
    canonicalCase(
        "a control character in profileId",
        new RawReading()
            .u8(1)
            .str("citygate/env\nsensor@1")
            .str("env-0042")
            .u64(17)
            .u64(T0)
            .u16(1)
            .flag("occupied", "", 1)
            .toBytes(),
        "bad identifier");
    canonicalCase(
        "an upper-case measurement name",
        base(1).decimal("Temperature", "Cel", 235, -1).toBytes(),
        "bad measurement name");
    canonicalCase(
        "a unit with a space",
        base(1).decimal("temperature", "deg C", 235, -1).toBytes(),
        "bad unit");
    canonicalCase(
        "a text of 257 bytes",
        base(1).str("status").str("").u8(3).str("x".repeat(257)).toBytes(),
        "text too long");
  }

  private static RawReading base(int count) {
    return new RawReading()
        .u8(1)
        .str("citygate/env-sensor-senml@1")
        .str("env-0042")
        .u64(17)
        .u64(T0 + 1000)
        .u16(count);
  }

  private void canonicalCase(String description, byte[] bytes, String reason) {
    try {
      CanonicalReading.fromCanonicalBytes(bytes);
      throw new IllegalStateException("canonical case decodes: " + description);
    } catch (IllegalArgumentException expected) {
      // as it must
    }
    ObjectNode entry = invalid.addObject();
    entry.put("kind", "canonicalReading");
    entry.put("description", description);
    entry.put("canonical", Hex.encode(bytes));
    entry.put("reason", reason);
  }

  // ---------------------------------------------------------------------------------------------
  // bundles

  /** Builds the bundle files and the manifest, checking each against the reader and verifier. */
  private final class BundleWriter {
    private final SortedMap<String, String> files;
    private final ArrayNode manifest = NODES.arrayNode();
    private final Scenario s = scenario;

    BundleWriter(SortedMap<String, String> files) {
      this.files = files;
    }

    void writeAll() {
      ProofBundle base = s.anchored(0);
      valid(
          "anchored-decimal",
          base,
          "reading 0 of a 5-reading batch (decimals humidity 41 %, temperature 23.5 Cel), batch"
              + " leaf 2 of epoch 1 (5 leaves), anchored (the anchor is made up: check it offline)");
      valid("anchored-flag", s.anchored(1), "reading 1 (flag: parking bay occupied), anchored");
      valid("anchored-text", s.anchored(2), "reading 2 (texts: lamp fault), anchored");
      valid(
          "anchored-last-leaf",
          s.anchored(4),
          "reading 4, the last leaf of the odd-sized batch (promoted, never duplicated): a"
              + " decimal, a flag and a text");
      valid(
          "epoch-not-anchored",
          ProofBundles.anchored(s.a0, 3, s.log, Scenario.A0_LOG_INDEX, s.cp1, Optional.empty()),
          "reading 3 (meter decimals): in closed epoch 1, whose checkpoint is not yet anchored");
      valid(
          "pending",
          ProofBundles.pending(s.a1, 0),
          "reading 0 of the gateway's batch 1, not yet in a closed epoch: epoch steps pending");

      readingCases(base);
      batchInclusionCases(base);
      gatewaySignatureCases(base);
      epochCases(base);
      unreadableCases(base);

      ObjectNode root = NODES.objectNode();
      root.put("generator", VectorGenerator.class.getName());
      root.put("command", REGENERATE_COMMAND);
      root.set("bundles", manifest);
      ArrayNode notes = root.putArray("notes");
      notes.add(
          "expectedExit is citygate-verify's exit status offline (no --rpc, nothing pinned): 3"
              + " unconfirmed (no step failed, the trusted registry and the anchor not checked),"
              + " 1 a step failed, 2 unreadable; 0 needs --chain-id, --registry and --rpc. expectedFailingStep is the label of the step that fails"
              + " (citygate-verify prints it on a FAIL line and in the NOT VERIFIED verdict).");
      notes.add(
          "expectedError is part of the reader's message for an unreadable file; it starts with"
              + " the JSON path of the culprit when there is one.");
      notes.add(
          "expectedFailingStepWithChain: a bundle that verifies offline but not against the"
              + " ledger, because it rewrites the checkpoint consistently; only the on-chain"
              + " anchor step (--rpc) can catch it.");
      notes.add(
          "The transaction hash, block number and log index of the anchored bundles are made up;"
              + " no chain holds them.");
      files.put(BUNDLES_DIR + "/" + MANIFEST_FILE, sortedJson(root));
    }

    private void readingCases(ProofBundle base) {
      byte[] canonical = base.reading().canonicalBytes();
      Bytes32 salt = base.reading().salt();
      bad(
          Step.READING,
          "trailing-garbage",
          edit(base).reading(concat(canonical, new byte[] {0x00}), salt).build(),
          "one zero byte appended to the canonical bytes");
      bad(
          Step.READING,
          "non-normalised-decimal",
          edit(base)
              .reading(
                  base(2)
                      .decimal("humidity", "%", 41, 0)
                      .decimal("temperature", "Cel", 2350, -2)
                      .toBytes(),
                  salt)
              .build(),
          "temperature 23.5 written as 2350e-2");
      bad(
          Step.READING,
          "unsorted-measurements",
          edit(base)
              .reading(
                  base(2)
                      .decimal("temperature", "Cel", 235, -1)
                      .decimal("humidity", "%", 41, 0)
                      .toBytes(),
                  salt)
              .build(),
          "the two measurements in the wrong order");
      bad(
          Step.READING,
          "batch-leaf",
          edit(base).reading(s.a0.batchLeaf().encode(), salt).build(),
          "the batch's own leaf data (type tag 0x02) offered in place of the reading: where a"
              + " bundle takes leaf material, it takes canonical reading bytes, and these do not"
              + " decode");
    }

    private void batchInclusionCases(ProofBundle base) {
      CanonicalReading reading =
          CanonicalReading.fromCanonicalBytes(base.reading().canonicalBytes());
      InclusionProof proof = base.readingProof();
      List<Bytes32> path = proof.path();
      BatchHeader header = base.batch().header();
      bad(
          Step.BATCH_INCLUSION,
          "salt-changed",
          edit(base)
              .reading(base.reading().canonicalBytes(), flip(base.reading().salt(), 7))
              .build(),
          "bit 7 of the salt flipped: the reading leaf changes");
      CanonicalReading changed =
          new CanonicalReading(
              reading.profileId(),
              reading.deviceId(),
              reading.deviceSeq(),
              reading.timestampMillis(),
              List.of(dec("humidity", "%", "41"), dec("temperature", "Cel", "25")));
      bad(
          Step.BATCH_INCLUSION,
          "value-changed",
          edit(base).reading(changed.toCanonicalBytes(), base.reading().salt()).build(),
          "temperature 23.5 changed to 25 in the canonical bytes and, to match, in the decoded"
              + " view");
      bad(
          Step.BATCH_INCLUSION,
          "chain-id-changed",
          edit(base).chainId(BigInteger.ONE).build(),
          "chainId 31337 changed to 1: the reading leaf commits to the chain");
      bad(
          Step.BATCH_INCLUSION,
          "wrong-index",
          edit(base).readingProof(new InclusionProof(1, proof.treeSize(), path)).build(),
          "readingProof.leafIndex 0 changed to 1 (in range, same path length)");
      bad(
          Step.BATCH_INCLUSION,
          "path-bit-flipped",
          edit(base)
              .readingProof(
                  new InclusionProof(0, proof.treeSize(), replace(path, 1, flip(path.get(1), 100))))
              .build(),
          "bit 100 of readingProof.path[1] flipped");
      bad(
          Step.BATCH_INCLUSION,
          "path-truncated",
          edit(base)
              .readingProof(
                  new InclusionProof(0, proof.treeSize(), path.subList(0, path.size() - 1)))
              .build(),
          "the last element of readingProof.path dropped");
      List<Bytes32> extended = new ArrayList<>(path);
      extended.add(header.root());
      bad(
          Step.BATCH_INCLUSION,
          "path-extended",
          edit(base).readingProof(new InclusionProof(0, proof.treeSize(), extended)).build(),
          "the batch root appended to readingProof.path");
      bad(
          Step.BATCH_INCLUSION,
          "root-changed",
          edit(base)
              .header(
                  new BatchHeader(
                      header.gateway(),
                      header.batchSeq(),
                      header.prevHeaderHash(),
                      flip(header.root(), 255),
                      header.size(),
                      header.firstTimestamp(),
                      header.lastTimestamp()))
              .build(),
          "bit 255 of batch.root flipped");
      long wrongSize = claimedSize(proof, s.a0.tree().leafHash(0), header.root(), false);
      bad(
          Step.BATCH_INCLUSION,
          "size-changed",
          edit(base).header(withSize(header, wrongSize)).build(),
          "batch.size 5 changed to "
              + wrongSize
              + ": the path no longer has the length that size demands");

      // A gateway that signs a window that leaves out one of its readings.
      Eip712Domain domain = Eip712Domain.citygate(CHAIN_ID, REGISTRY);
      BatchSealer sealer =
          new BatchSealer(CHAIN_ID, REGISTRY, s.keyA, 2, s.a1.header().headerHash(domain));
      List<SaltedReading> readings =
          List.of(
              salted(
                  reading(
                      "citygate/parking-radar-senml@1",
                      "bay-0012",
                      903,
                      T0 + 120_000,
                      flag("occupied", "", true))),
              salted(
                  reading(
                      "citygate/parking-radar-senml@1",
                      "bay-0013",
                      77,
                      T0 + 130_000,
                      flag("occupied", "", false))));
      SealedBatch honest = sealer.seal(readings);
      BatchHeader narrow =
          new BatchHeader(
              s.keyA.address(),
              2,
              honest.header().header().prevHeaderHash(),
              honest.tree().root(),
              2,
              T0 + 125_000,
              T0 + 130_000);
      SealedBatch windowed =
          new SealedBatch(
              CHAIN_ID,
              REGISTRY,
              SignedBatchHeader.sign(narrow, domain, s.keyA),
              readings,
              honest.tree());
      bad(
          Step.BATCH_INCLUSION,
          "outside-window",
          ProofBundles.pending(windowed, 0),
          "the reading's timestamp lies before the signed firstTimestamp (the gateway signed a"
              + " window that leaves it out), though its leaf is in the tree");
    }

    private void gatewaySignatureCases(ProofBundle base) {
      BatchHeader header = base.batch().header();
      bad(
          Step.GATEWAY_SIGNATURE,
          "header-changed",
          edit(base)
              .header(
                  new BatchHeader(
                      header.gateway(),
                      header.batchSeq() + 1,
                      header.prevHeaderHash(),
                      header.root(),
                      header.size(),
                      header.firstTimestamp(),
                      header.lastTimestamp()))
              .build(),
          "batch.batchSeq 0 changed to 1: the signature now recovers another address");
      Secp256k1PrivateKey other = Secp256k1PrivateKey.fromHex(OTHER_KEY);
      bad(
          Step.GATEWAY_SIGNATURE,
          "other-key",
          edit(base).signature(Secp256k1.sign(header.digest(base.domain()), other)).build(),
          "the header signed by " + other.address() + ", not by the gateway it names");
      bad(
          Step.GATEWAY_SIGNATURE,
          "registry-changed",
          edit(base).registry(SECOND_CONTRACT).build(),
          "registry changed: the EIP-712 domain (verifying contract) changes, so the signature"
              + " recovers another address");
      long sameShape =
          claimedSize(base.readingProof(), s.a0.tree().leafHash(0), header.root(), true);
      bad(
          Step.GATEWAY_SIGNATURE,
          "size-changed-same-shape",
          edit(base).header(withSize(header, sameShape)).build(),
          "batch.size 5 changed to "
              + sameShape
              + ", where leaf 0's path has the same shape: the batch inclusion check passes and"
              + " the signature, which commits to the size, catches it");
      bad(
          Step.GATEWAY_SIGNATURE,
          "unrecoverable",
          edit(base).signature(unrecoverableSignature(header.digest(base.domain()))).build(),
          "a well-formed signature (low s) whose r is not the x coordinate of any curve point:"
              + " no signer recovers");
    }

    private void epochCases(ProofBundle base) {
      ProofBundle.Epoch epoch = base.epoch().orElseThrow();
      InclusionProof proof = epoch.proof();
      Checkpoint cp = epoch.checkpoint();
      List<Bytes32> path = proof.path();
      bad(
          Step.EPOCH_INCLUSION,
          "path-bit-flipped",
          edit(base)
              .epochProof(
                  new InclusionProof(
                      proof.leafIndex(), cp.size(), replace(path, 0, flip(path.get(0), 3))))
              .build(),
          "bit 3 of epoch.path[0] flipped");
      bad(
          Step.EPOCH_INCLUSION,
          "wrong-index",
          edit(base).epochProof(new InclusionProof(proof.leafIndex() + 1, cp.size(), path)).build(),
          "epoch.leafIndex 2 changed to 3");
      Bytes32 batchLeaf = s.a0.batchLeaf().leafHash();
      long wrongSize = claimedSize(proof, batchLeaf, cp.root(), false);
      bad(
          Step.EPOCH_INCLUSION,
          "size-changed",
          edit(base).epochSize(wrongSize).build(),
          "epoch.size 5 changed to " + wrongSize + ": the path no longer fits that size");
      bad(
          Step.EPOCH_INCLUSION,
          "root-changed",
          edit(base)
              .checkpoint(
                  new Checkpoint(cp.epoch(), flip(cp.root(), 9), cp.size(), cp.prevCheckpoint()))
              .build(),
          "bit 9 of epoch.root flipped");
      bad(
          Step.EPOCH_INCLUSION,
          "other-signature",
          edit(base).signature(resign(base.batch().header().digest(base.domain()))).build(),
          "the gateway's signature made again with another nonce: it still recovers the"
              + " gateway, but the batch leaf in the epoch log commits to the hash of the"
              + " original signature");

      bad(
          Step.CHECKPOINT,
          "hash-wrong",
          edit(base).statedCheckpoint(flip(epoch.statedCheckpointHash(), 200)).build(),
          "bit 200 of epoch.checkpoint flipped");
      Bytes32 otherPrev = Bytes32.keccak("another history".getBytes(UTF_8));
      bad(
          Step.CHECKPOINT,
          "prev-changed",
          edit(base)
              .checkpoint(new Checkpoint(cp.epoch(), cp.root(), cp.size(), otherPrev))
              .build(),
          "epoch.prevCheckpoint changed: the epoch inclusion does not use it, the checkpoint hash"
              + " does");
      bad(
          Step.CHECKPOINT,
          "epoch-changed",
          edit(base)
              .checkpoint(new Checkpoint(cp.epoch() + 1, cp.root(), cp.size(), cp.prevCheckpoint()))
              .build(),
          "epoch.epoch 1 changed to 2");
      long sameShape = claimedSize(proof, batchLeaf, cp.root(), true);
      bad(
          Step.CHECKPOINT,
          "size-changed-same-shape",
          edit(base).epochSize(sameShape).build(),
          "epoch.size 5 changed to "
              + sameShape
              + ", where leaf 2's path has the same shape: the epoch inclusion check passes and the"
              + " checkpoint hash, which commits to the size, catches it");

      Checkpoint forged = new Checkpoint(cp.epoch(), cp.root(), cp.size(), otherPrev);
      ProofBundle rewritten = edit(base).checkpoint(forged).statedCheckpoint(forged.hash()).build();
      String name = "bad-" + kebab(Step.ANCHOR) + "-checkpoint-rewritten.json";
      String json = ProofBundleJson.write(rewritten);
      ProofBundle read = ProofBundleJson.read(json);
      check(BundleVerifier.offline().verify(read).verified(), name + " offline");
      VerificationReport onChain = BundleVerifier.withAnchorCheck(s::chainAnchorCheck).verify(read);
      check(
          onChain.firstFailure().map(StepResult::step).orElse(null) == Step.ANCHOR,
          name + " on chain");
      ObjectNode entry =
          put(
              name,
              json,
              3,
              null,
              null,
              "epoch.prevCheckpoint and epoch.checkpoint rewritten consistently: every offline"
                  + " step passes; the chain holds the original checkpoint, so only the"
                  + " on-chain anchor step catches it");
      entry.put("expectedFailingStepWithChain", Step.ANCHOR.label());
    }

    private void unreadableCases(ProofBundle base) {
      String json = ProofBundleJson.write(base);
      BatchHeader header = base.batch().header();
      String otherRoot = flip(header.root(), 0).toHex();
      unreadable(
          "duplicate-key",
          insertAfter(json, "\"batch\" : {\n", "    \"root\" : \"" + otherRoot + "\",\n"),
          "batch.root: not valid JSON: Duplicate field 'root'",
          "batch.root given twice, with different values (parsers disagree on which one wins)");
      unreadable(
          "unknown-field",
          editTree(json, t -> object(t, "anchor").put("blockHash", Bytes32.ZERO.toHex())),
          "anchor.blockHash: unknown field",
          "a field the format does not define");
      unreadable(
          "trailing-garbage",
          json + "{\"format\" : \"citygate-proof-bundle\"}\n",
          "not valid JSON: Trailing token",
          "a second JSON object after the bundle");
      unreadable(
          "wrong-format",
          editTree(json, t -> t.put("format", "citygate-proof")),
          "format: must be 'citygate-proof-bundle'",
          "format is not citygate-proof-bundle");
      unreadable(
          "wrong-version",
          editTree(json, t -> t.put("version", 2)),
          "version: unsupported version 2",
          "format version 2");
      String root = header.root().toHex();
      unreadable(
          "bad-hex",
          editTree(
              json,
              t -> object(t, "batch").put("root", root.substring(0, 9) + "z" + root.substring(10))),
          "batch.root: 32-byte value: not a hex digit 'z' at position 9",
          "a non-hex character in batch.root");
      unreadable(
          "bad-hex-length",
          editTree(
              json,
              t -> {
                ArrayNode p = (ArrayNode) t.get("readingProof").get("path");
                String h = p.get(1).asText();
                p.set(1, NODES.textNode(h.substring(0, h.length() - 1)));
              }),
          "readingProof.path[1]: 32-byte value: hex string has an odd number of digits",
          "a digit missing from readingProof.path[1]");
      unreadable(
          "decoded-mismatch",
          editTree(
              json,
              t ->
                  ((ObjectNode) t.get("reading").get("decoded").get("measurements").get(1))
                      .put("decimal", "23.6")),
          "reading.decoded: does not match the canonical bytes",
          "the readable view says 23.6 where the canonical bytes say 23.5");
      Signature sig = base.batch().signature();
      BigInteger highS = Secp256k1.N.subtract(new BigInteger(1, sig.s().bytes()));
      byte[] malleated =
          concat(
              concat(sig.r().bytes(), AbiWords.toWord(highS)), new byte[] {(byte) (55 - sig.v())});
      unreadable(
          "high-s-signature",
          editTree(json, t -> object(t, "batch").put("signature", Hex.encode(malleated))),
          "batch.signature: signature s is in the upper half",
          "the gateway's signature malleated to (r, n - s, v flipped): it recovers the same"
              + " address, but only the low-s form is accepted (EIP-2)");
      unreadable(
          "number-too-large",
          editTree(json, t -> object(t, "batch").put("batchSeq", 1L << 53)),
          "batch.batchSeq: must be between 0 and 2^53-1",
          "batch.batchSeq 2^53, beyond what every JSON parser holds exactly");
      String registry = REGISTRY.toString();
      String badChecksum = registry.substring(0, 41) + "A" + registry.substring(42);
      check(!badChecksum.equals(registry), "checksum edit");
      unreadable(
          "bad-checksum",
          editTree(json, t -> t.put("registry", badChecksum)),
          "registry: address " + badChecksum + " has a wrong EIP-55 checksum",
          "registry with one letter's case changed");
      unreadable(
          "index-out-of-range",
          editTree(json, t -> object(t, "readingProof").put("leafIndex", header.size())),
          "readingProof: leaf index 5 out of range for tree size 5",
          "readingProof.leafIndex equal to batch.size");
      byte[] vZero = sig.toBytes();
      vZero[64] = (byte) (sig.v() - 27);
      unreadable(
          "v-zero-or-one",
          editTree(json, t -> object(t, "batch").put("signature", Hex.encode(vZero))),
          "batch.signature: v is " + (sig.v() - 27) + ", want 27 or 28",
          "the gateway's signature with v written as 0/1: one signature, one byte form (the batch"
              + " leaf hashes the signature bytes)");
      unreadable(
          "huge-decimal",
          editTree(
              json,
              t ->
                  ((ObjectNode) t.get("reading").get("decoded").get("measurements").get(1))
                      .put("decimal", "1" + "0".repeat(100_000))),
          "reading.decoded.measurements[1]: decimal literal of 100001 characters, at most 64",
          "a 100,001-digit decimal in the readable view: refused before parsing, which is"
              + " quadratic in the digits");
      unreadable(
          "anchor-without-epoch",
          editTree(json, t -> t.remove("epoch")),
          "a bundle with an anchor needs its epoch part",
          "an anchor but no epoch");
    }

    private void valid(String what, ProofBundle bundle, String description) {
      String name = "valid-" + what + ".json";
      String json = ProofBundleJson.write(bundle);
      VerificationReport report = BundleVerifier.offline().verify(ProofBundleJson.read(json));
      check(report.verified(), name + ": " + report);
      put(name, json, 3, null, null, description);
    }

    private void bad(Step step, String what, ProofBundle bundle, String description) {
      String name = "bad-" + kebab(step) + "-" + what + ".json";
      String json = ProofBundleJson.write(bundle);
      VerificationReport report = BundleVerifier.offline().verify(ProofBundleJson.read(json));
      Step failed = report.firstFailure().map(StepResult::step).orElse(null);
      check(failed == step, name + ": want " + step + " to fail, got " + report);
      put(name, json, 1, step.label(), null, description);
    }

    private void unreadable(String what, String json, String expectedError, String description) {
      String name = "unreadable-" + what + ".json";
      try {
        ProofBundleJson.read(json);
        throw new IllegalStateException(name + " reads");
      } catch (BundleFormatException e) {
        check(
            e.getMessage().contains(expectedError),
            name + ": want '" + expectedError + "', got '" + e.getMessage() + "'");
      }
      put(name, json, 2, null, expectedError, description);
    }

    private ObjectNode put(
        String name,
        String json,
        int exit,
        String failingStep,
        String expectedError,
        String description) {
      check(files.put(BUNDLES_DIR + "/" + name, json) == null, "duplicate " + name);
      ObjectNode entry = manifest.addObject();
      entry.put("file", name);
      entry.put("expectedExit", exit);
      entry.put("expectedFailingStep", failingStep);
      if (expectedError != null) {
        entry.put("expectedError", expectedError);
      }
      entry.put("description", description);
      return entry;
    }
  }

  /** The smallest other tree size for which {@code proof} does (or does not) still verify. */
  private static long claimedSize(
      InclusionProof proof, Bytes32 leaf, Bytes32 root, boolean verifies) {
    for (long delta = 1; delta < 64; delta++) {
      for (long size : new long[] {proof.treeSize() - delta, proof.treeSize() + delta}) {
        if (size > proof.leafIndex()) {
          boolean ok =
              inclusionRejection(proof.leafIndex(), size, leaf, proof.path(), root) == null;
          if (ok == verifies) {
            return size;
          }
        }
      }
    }
    throw new IllegalStateException("no such size for " + proof);
  }

  private static BatchHeader withSize(BatchHeader h, long size) {
    return new BatchHeader(
        h.gateway(),
        h.batchSeq(),
        h.prevHeaderHash(),
        h.root(),
        size,
        h.firstTimestamp(),
        h.lastTimestamp());
  }

  /** The same digest signed with an RFC 6979 nonce from HMAC-SHA512: a second valid signature. */
  private static Signature resign(Bytes32 digest) {
    BigInteger d = new BigInteger(1, Hex.decode(TEST_KEY));
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA512Digest()));
    signer.init(true, new ECPrivateKeyParameters(d, Secp256k1.DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest.bytes());
    BigInteger s = rs[1].compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.N.subtract(rs[1]) : rs[1];
    Address gateway = Secp256k1PrivateKey.fromHex(TEST_KEY).address();
    for (int v = 27; v <= 28; v++) {
      Signature candidate =
          new Signature(new Bytes32(AbiWords.toWord(rs[0])), new Bytes32(AbiWords.toWord(s)), v);
      if (Secp256k1.recover(digest, candidate).equals(gateway)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no recovery id fits");
  }

  /** A canonical signature with the smallest r that is not the x coordinate of a curve point. */
  private static Signature unrecoverableSignature(Bytes32 digest) {
    Bytes32 one = new Bytes32(AbiWords.toWord(BigInteger.ONE));
    for (int r = 1; ; r++) {
      Signature candidate =
          new Signature(new Bytes32(AbiWords.toWord(BigInteger.valueOf(r))), one, 27);
      try {
        Secp256k1.recover(digest, candidate);
      } catch (InvalidSignatureException e) {
        return candidate;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the scenario shared by the leaf, EIP-712, checkpoint and bundle vectors

  /**
   * Three gateways on anvil's chain, six batches in an epoch log {@code [B0, C0, A0, B1, C1, A1]},
   * epoch 0 closed at 2 leaves and epoch 1 at 5. Gateway A (the test key) is the bundles' gateway:
   * its batch A0 of five readings is leaf 2, in epoch 1; its batch A1 is leaf 5, in no closed epoch
   * yet.
   */
  static final class Scenario {
    static final int A0_LOG_INDEX = 2;

    final Secp256k1PrivateKey keyA = Secp256k1PrivateKey.fromHex(TEST_KEY);
    final Secp256k1PrivateKey keyB = Secp256k1PrivateKey.fromHex(GATEWAY_B_KEY);
    final Secp256k1PrivateKey keyC = Secp256k1PrivateKey.fromHex(GATEWAY_C_KEY);
    final SealedBatch a0;
    final SealedBatch a1;
    final List<SealedBatch> logBatches;
    final MerkleTree log;
    final Checkpoint cp0;
    final Checkpoint cp1;
    final ProofBundle.Anchor anchor1;

    Scenario() {
      BatchSealer a = new BatchSealer(CHAIN_ID, REGISTRY, keyA, 0, Bytes32.ZERO);
      BatchSealer b = new BatchSealer(CHAIN_ID, REGISTRY, keyB, 0, Bytes32.ZERO);
      BatchSealer c = new BatchSealer(CHAIN_ID, REGISTRY, keyC, 0, Bytes32.ZERO);
      String env = "citygate/env-sensor-senml@1";
      String parking = "citygate/parking-radar-senml@1";
      SealedBatch b0 =
          b.seal(
              List.of(
                  salted(reading(env, "env-1001", 5, T0 + 500, dec("temperature", "Cel", "19"))),
                  salted(reading(env, "env-1002", 9, T0 + 700, dec("temperature", "Cel", "18.75"))),
                  salted(reading(parking, "bay-2001", 1, T0 + 900, flag("occupied", "", false)))));
      SealedBatch c0 =
          c.seal(
              List.of(salted(reading(env, "env-3001", 1, T0 + 800, dec("humidity", "%", "55")))));
      a0 =
          a.seal(
              List.of(
                  salted(
                      reading(
                          env,
                          "env-0042",
                          17,
                          T0 + 1000,
                          dec("temperature", "Cel", "23.5"),
                          dec("humidity", "%", "41"))),
                  salted(reading(parking, "bay-0012", 901, T0 + 2000, flag("occupied", "", true))),
                  salted(
                      reading(
                          "citygate/streetlight-status@1",
                          "lamp-0310",
                          55,
                          T0 + 3000,
                          text("status", "", "fault: driver overheated"),
                          text("fault_code", "", "E42"))),
                  salted(
                      reading(
                          "citygate/smart-meter-obis@1",
                          "meter-7731",
                          1200,
                          T0 + 4000,
                          dec("energy_import", "Wh", "1234567"),
                          dec("power", "W", "1200"))),
                  salted(
                      reading(
                          "citygate/air-quality@1",
                          "aq-0007",
                          3,
                          T0 + 5000,
                          dec("pm2_5", "ug/m3", "12.25"),
                          flag("alarm", "", false),
                          text("status", "", "ok")))));
      SealedBatch b1 =
          b.seal(
              List.of(
                  salted(
                      reading(env, "env-1001", 6, T0 + 60_500, dec("temperature", "Cel", "19.5"))),
                  salted(
                      reading(parking, "bay-2001", 2, T0 + 60_900, flag("occupied", "", true)))));
      SealedBatch c1 =
          c.seal(
              List.of(
                  salted(reading(env, "env-3001", 2, T0 + 60_800, dec("humidity", "%", "54")))));
      a1 =
          a.seal(
              List.of(
                  salted(
                      reading(
                          env,
                          "env-0042",
                          18,
                          T0 + 61_000,
                          dec("temperature", "Cel", "23.25"),
                          dec("humidity", "%", "40"))),
                  salted(
                      reading(
                          parking, "bay-0012", 902, T0 + 62_000, flag("occupied", "", false)))));
      logBatches = List.of(b0, c0, a0, b1, c1, a1);
      log =
          MerkleTree.fromLeafHashes(
              logBatches.stream().map(batch -> batch.batchLeaf().leafHash()).toList());
      cp0 = new Checkpoint(0, log.rootAt(2), 2, Bytes32.ZERO);
      cp1 = new Checkpoint(1, log.rootAt(5), 5, cp0.hash());
      anchor1 =
          new ProofBundle.Anchor(
              Bytes32.keccak("citygate test vectors: anchor of epoch 1".getBytes(UTF_8)), 1234, 0);
    }

    /** Reading {@code index} of batch A0, anchored in epoch 1. */
    ProofBundle anchored(int index) {
      return ProofBundles.anchored(a0, index, log, A0_LOG_INDEX, cp1, Optional.of(anchor1));
    }

    /** What the (imaginary) chain says: epoch 1's checkpoint was anchored by {@link #anchor1}. */
    StepResult chainAnchorCheck(ProofBundle bundle) {
      boolean holds =
          bundle.anchor().orElseThrow().equals(anchor1)
              && bundle.epoch().orElseThrow().checkpoint().hash().equals(cp1.hash());
      return holds
          ? StepResult.passed(Step.ANCHOR, "the chain holds this checkpoint")
          : StepResult.failed(Step.ANCHOR, "the chain holds checkpoint " + cp1.hash());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // editing bundles

  private static Edit edit(ProofBundle bundle) {
    return new Edit(bundle);
  }

  /** A copy of a bundle with some parts replaced. */
  private static final class Edit {
    private BigInteger chainId;
    private Address registry;
    private ProofBundle.Reading reading;
    private InclusionProof readingProof;
    private BatchHeader header;
    private Signature signature;
    private Optional<ProofBundle.Epoch> epoch;
    private final Optional<ProofBundle.Anchor> anchor;

    Edit(ProofBundle b) {
      chainId = b.chainId();
      registry = b.registry();
      reading = b.reading();
      readingProof = b.readingProof();
      header = b.batch().header();
      signature = b.batch().signature();
      epoch = b.epoch();
      anchor = b.anchor();
    }

    Edit chainId(BigInteger value) {
      chainId = value;
      return this;
    }

    Edit registry(Address value) {
      registry = value;
      return this;
    }

    Edit reading(byte[] canonical, Bytes32 salt) {
      reading = new ProofBundle.Reading(canonical, salt);
      return this;
    }

    Edit readingProof(InclusionProof value) {
      readingProof = value;
      return this;
    }

    /**
     * The header; the reading proof's tree size follows {@code size}, as the JSON reader's does.
     */
    Edit header(BatchHeader value) {
      header = value;
      readingProof =
          new InclusionProof(
              readingProof.leafIndex(), Math.max(value.size(), 1), readingProof.path());
      return this;
    }

    Edit signature(Signature value) {
      signature = value;
      return this;
    }

    Edit epochProof(InclusionProof proof) {
      ProofBundle.Epoch e = epoch.orElseThrow();
      epoch = Optional.of(new ProofBundle.Epoch(proof, e.checkpoint(), e.statedCheckpointHash()));
      return this;
    }

    Edit checkpoint(Checkpoint checkpoint) {
      ProofBundle.Epoch e = epoch.orElseThrow();
      InclusionProof p = e.proof();
      epoch =
          Optional.of(
              new ProofBundle.Epoch(
                  new InclusionProof(p.leafIndex(), checkpoint.size(), p.path()),
                  checkpoint,
                  e.statedCheckpointHash()));
      return this;
    }

    Edit epochSize(long size) {
      Checkpoint c = epoch.orElseThrow().checkpoint();
      return checkpoint(new Checkpoint(c.epoch(), c.root(), size, c.prevCheckpoint()));
    }

    Edit statedCheckpoint(Bytes32 hash) {
      ProofBundle.Epoch e = epoch.orElseThrow();
      epoch = Optional.of(new ProofBundle.Epoch(e.proof(), e.checkpoint(), hash));
      return this;
    }

    ProofBundle build() {
      return new ProofBundle(
          chainId,
          registry,
          reading,
          readingProof,
          new SignedBatchHeader(header, signature),
          epoch,
          anchor);
    }
  }

  /** Parses bundle JSON as a plain tree, edits it and writes it back in the bundle style. */
  private static String editTree(String json, java.util.function.Consumer<ObjectNode> change) {
    try {
      ObjectNode tree = (ObjectNode) BUNDLE_STYLE.readTree(json);
      change.accept(tree);
      return BUNDLE_STYLE.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode object(ObjectNode tree, String field) {
    return (ObjectNode) tree.get(field);
  }

  private static String insertAfter(String text, String marker, String insert) {
    int at = text.indexOf(marker);
    check(at >= 0 && text.indexOf(marker, at + 1) < 0, "marker '" + marker + "' not unique");
    return text.substring(0, at + marker.length()) + insert + text.substring(at + marker.length());
  }

  static String kebab(Step step) {
    return step.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  // ---------------------------------------------------------------------------------------------
  // readings

  static CanonicalReading reading(
      String profile, String device, long seq, long timestamp, Measurement... measurements) {
    return new CanonicalReading(profile, device, seq, timestamp, List.of(measurements));
  }

  static Measurement dec(String name, String unit, String literal) {
    return new Measurement(name, unit, MeasurementValue.Decimal.parse(literal));
  }

  static Measurement flag(String name, String unit, boolean value) {
    return new Measurement(name, unit, new MeasurementValue.Flag(value));
  }

  static Measurement text(String name, String unit, String value) {
    return new Measurement(name, unit, new MeasurementValue.Text(value));
  }

  /** A device's subject key: {@code keccak256("citygate test subject key " + deviceId)}. */
  static byte[] subjectKey(String deviceId) {
    return Keccak256.hash(("citygate test subject key " + deviceId).getBytes(UTF_8));
  }

  static SaltedReading salted(CanonicalReading reading) {
    String readingId = Salts.readingId(reading.deviceId(), reading.deviceSeq());
    return new SaltedReading(reading, Salts.derive(subjectKey(reading.deviceId()), readingId));
  }

  /**
   * Canonical reading bytes written straight from {@code docs/proof-format.md} §4, with no checks,
   * so the generator can cross-check the production encoder and write bytes it refuses.
   */
  static final class RawReading {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] encode(CanonicalReading reading) {
      RawReading raw =
          new RawReading()
              .u8(1)
              .str(reading.profileId())
              .str(reading.deviceId())
              .u64(reading.deviceSeq())
              .u64(reading.timestampMillis())
              .u16(reading.measurements().size());
      List<Measurement> sorted = new ArrayList<>(reading.measurements());
      sorted.sort(
          (x, y) -> Arrays.compareUnsigned(x.name().getBytes(UTF_8), y.name().getBytes(UTF_8)));
      for (Measurement m : sorted) {
        if (m.value() instanceof MeasurementValue.Decimal d) {
          raw.decimal(m.name(), m.unit(), d.mantissa(), d.exponent());
        } else if (m.value() instanceof MeasurementValue.Flag f) {
          raw.flag(m.name(), m.unit(), f.value() ? 1 : 0);
        } else if (m.value() instanceof MeasurementValue.Text t) {
          raw.str(m.name()).str(m.unit()).u8(3).str(t.value());
        }
      }
      return raw.toBytes();
    }

    RawReading u8(int value) {
      out.write(value);
      return this;
    }

    RawReading u16(int value) {
      out.write(value >>> 8);
      out.write(value);
      return this;
    }

    RawReading u64(long value) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (value >>> shift));
      }
      return this;
    }

    RawReading raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    RawReading bytes(byte[] bytes) {
      return u16(bytes.length).raw(bytes);
    }

    RawReading str(String value) {
      return bytes(value.getBytes(UTF_8));
    }

    RawReading decimal(String name, String unit, long mantissa, int exponent) {
      return str(name).str(unit).u8(1).u64(mantissa).u8(exponent & 0xff);
    }

    RawReading flag(String name, String unit, int value) {
      return str(name).str(unit).u8(2).u8(value);
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the naive RFC 6962 reference the known answers are checked against

  /** RFC 6962 §2.1 MTH, PATH and PROOF transcribed literally; shares only keccak-256. */
  static final class Naive {
    private Naive() {}

    static Bytes32 mth(List<byte[]> d) {
      int n = d.size();
      if (n == 0) {
        return Bytes32.keccak(new byte[0]);
      }
      if (n == 1) {
        return Bytes32.keccak(concat(new byte[] {0x00}, d.get(0)));
      }
      int k = k(n);
      return node(mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    static List<Bytes32> path(int m, List<byte[]> d) {
      int n = d.size();
      List<Bytes32> out = new ArrayList<>();
      if (n == 1) {
        return out;
      }
      int k = k(n);
      if (m < k) {
        out.addAll(path(m, d.subList(0, k)));
        out.add(mth(d.subList(k, n)));
      } else {
        out.addAll(path(m - k, d.subList(k, n)));
        out.add(mth(d.subList(0, k)));
      }
      return out;
    }

    static List<Bytes32> proof(int m, List<byte[]> d) {
      return m == 0 || m == d.size() ? List.of() : subproof(m, d, true);
    }

    private static List<Bytes32> subproof(int m, List<byte[]> d, boolean b) {
      int n = d.size();
      List<Bytes32> out = new ArrayList<>();
      if (m == n) {
        if (!b) {
          out.add(mth(d));
        }
        return out;
      }
      int k = k(n);
      if (m <= k) {
        out.addAll(subproof(m, d.subList(0, k), b));
        out.add(mth(d.subList(k, n)));
      } else {
        out.addAll(subproof(m - k, d.subList(k, n), false));
        out.add(mth(d.subList(0, k)));
      }
      return out;
    }

    private static int k(int n) {
      int k = 1;
      while (k * 2 < n) {
        k *= 2;
      }
      return k;
    }

    private static Bytes32 node(Bytes32 left, Bytes32 right) {
      return Bytes32.keccak(concat(concat(new byte[] {0x01}, left.bytes()), right.bytes()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // small helpers

  /** {@code D[i] = [i]}. */
  static List<byte[]> leafData(int n) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new byte[] {(byte) i});
    }
    return out;
  }

  /** {@code value} with bit {@code bit} flipped; bit 0 is the most significant bit of byte 0. */
  static Bytes32 flip(Bytes32 value, int bit) {
    byte[] bytes = value.bytes();
    bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    return new Bytes32(bytes);
  }

  private static List<Bytes32> replace(List<Bytes32> list, int index, Bytes32 value) {
    List<Bytes32> out = new ArrayList<>(list);
    out.set(index, value);
    return out;
  }

  private static ArrayNode hexes(List<Bytes32> values) {
    ArrayNode out = NODES.arrayNode();
    values.forEach(v -> out.add(v.toHex()));
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] filled(int length, int value) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) value);
    return out;
  }

  private static byte[] last20(byte[] hash) {
    return Arrays.copyOfRange(hash, 12, 32);
  }

  /** anvil's dev account {@code i} (0..2). */
  private static Address anvil(int i) {
    String[] keys = {TEST_KEY, OTHER_KEY, GATEWAY_B_KEY};
    return Secp256k1PrivateKey.fromHex(keys[i]).address();
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("vector generation: " + what);
    }
  }

  /** Sorted keys, two-space indent, one array element per line, {@code \n} line ends. */
  static String sortedJson(JsonNode node) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    try {
      return SORTED.writer(printer).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
