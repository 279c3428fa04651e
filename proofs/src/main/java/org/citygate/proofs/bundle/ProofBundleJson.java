package org.citygate.proofs.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.eip712.BatchHeader;
import org.citygate.proofs.eip712.Signature;
import org.citygate.proofs.eip712.SignedBatchHeader;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.citygate.proofs.merkle.InclusionProof;
import org.citygate.proofs.merkle.ProofException;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * Reads and writes proof bundles as JSON ({@code "format": "citygate-proof-bundle", "version": 1}).
 *
 * <p>Reading is strict: duplicate keys, unknown fields, trailing content, numbers outside 0..2^53−1
 * and malformed hex are all refused with the JSON path of the culprit. Values that are derived from
 * others are not stored twice (the reading proof's tree size is the batch header's {@code size};
 * the epoch proof's tree size is the checkpoint's {@code size}), so they cannot disagree. The
 * {@code reading.decoded} view is optional and written for people; when present it must match the
 * canonical bytes.
 */
public final class ProofBundleJson {
  /** The {@code format} field's value. */
  public static final String FORMAT = "citygate-proof-bundle";

  /** Largest bundle this reader accepts, in characters. */
  public static final int MAX_LENGTH = 1 << 20;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Two-space indentation and {@code \n} line ends on every platform, so files are stable. */
  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private static final Set<String> TOP =
      Set.of(
          "format",
          "version",
          "chainId",
          "registry",
          "reading",
          "readingProof",
          "batch",
          "epoch",
          "anchor");
  private static final Set<String> READING = Set.of("canonical", "salt", "decoded");
  private static final Set<String> READING_PROOF = Set.of("leafIndex", "path");
  private static final Set<String> BATCH =
      Set.of(
          "gateway",
          "batchSeq",
          "prevHeaderHash",
          "root",
          "size",
          "firstTimestamp",
          "lastTimestamp",
          "signature");
  private static final Set<String> EPOCH =
      Set.of("epoch", "size", "root", "prevCheckpoint", "checkpoint", "leafIndex", "path");
  private static final Set<String> ANCHOR = Set.of("transactionHash", "blockNumber", "logIndex");

  private ProofBundleJson() {}

  /**
   * Parses a bundle.
   *
   * @throws BundleFormatException naming the field that is wrong
   */
  public static ProofBundle read(String json) {
    if (json.length() > MAX_LENGTH) {
      throw new BundleFormatException(
          "", "bundle is " + json.length() + " characters, at most " + MAX_LENGTH);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BundleFormatException(
          jsonPath(e), "not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()), e);
    }
    JsonFields top = JsonFields.of(root, "");
    top.rejectUnknown(TOP);
    if (!FORMAT.equals(top.text("format"))) {
      throw new BundleFormatException("format", "must be '" + FORMAT + "'");
    }
    long version = top.uint("version");
    if (version != ProofBundle.VERSION) {
      throw new BundleFormatException(
          "version",
          "unsupported version " + version + ", this verifier reads " + ProofBundle.VERSION);
    }
    SignedBatchHeader batch = batch(top.object("batch"));
    ProofBundle.Reading reading = reading(top.object("reading"));
    JsonFields proofFields = top.object("readingProof");
    proofFields.rejectUnknown(READING_PROOF);
    InclusionProof readingProof =
        inclusion(
            proofFields, proofFields.uint("leafIndex"), batch.header().size(), "readingProof");
    Optional<ProofBundle.Epoch> epoch =
        top.has("epoch") ? Optional.of(epoch(top.object("epoch"))) : Optional.empty();
    Optional<ProofBundle.Anchor> anchor =
        top.has("anchor") ? Optional.of(anchor(top.object("anchor"))) : Optional.empty();
    try {
      return new ProofBundle(
          top.decimalUint256("chainId"),
          top.address("registry"),
          reading,
          readingProof,
          batch,
          epoch,
          anchor);
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException("", e.getMessage(), e);
    }
  }

  /** Writes {@code bundle} as indented JSON, with the readable reading view when it decodes. */
  public static String write(ProofBundle bundle) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("format", FORMAT);
    out.put("version", ProofBundle.VERSION);
    out.put("chainId", bundle.chainId().toString());
    out.put("registry", bundle.registry().toString());

    ObjectNode reading = out.putObject("reading");
    byte[] canonical = bundle.reading().canonicalBytes();
    reading.put("canonical", Hex.encode(canonical));
    reading.put("salt", bundle.reading().salt().toHex());
    try {
      reading.set("decoded", ReadingJson.toJson(CanonicalReading.fromCanonicalBytes(canonical)));
    } catch (IllegalArgumentException e) {
      // A bundle under test may carry bytes that do not decode; write them as they are.
    }

    ObjectNode readingProof = out.putObject("readingProof");
    readingProof.put("leafIndex", bundle.readingProof().leafIndex());
    putPath(readingProof, bundle.readingProof().path());

    BatchHeader header = bundle.batch().header();
    ObjectNode batch = out.putObject("batch");
    batch.put("gateway", header.gateway().toString());
    batch.put("batchSeq", header.batchSeq());
    batch.put("prevHeaderHash", header.prevHeaderHash().toHex());
    batch.put("root", header.root().toHex());
    batch.put("size", header.size());
    batch.put("firstTimestamp", header.firstTimestamp());
    batch.put("lastTimestamp", header.lastTimestamp());
    batch.put("signature", bundle.batch().signature().toHex());

    bundle
        .epoch()
        .ifPresent(
            e -> {
              ObjectNode epoch = out.putObject("epoch");
              Checkpoint checkpoint = e.checkpoint();
              epoch.put("epoch", checkpoint.epoch());
              epoch.put("size", checkpoint.size());
              epoch.put("root", checkpoint.root().toHex());
              epoch.put("prevCheckpoint", checkpoint.prevCheckpoint().toHex());
              epoch.put("checkpoint", e.statedCheckpointHash().toHex());
              epoch.put("leafIndex", e.proof().leafIndex());
              putPath(epoch, e.proof().path());
            });
    bundle
        .anchor()
        .ifPresent(
            a -> {
              ObjectNode anchor = out.putObject("anchor");
              anchor.put("transactionHash", a.transactionHash().toHex());
              anchor.put("blockNumber", a.blockNumber());
              anchor.put("logIndex", a.logIndex());
            });
    try {
      return MAPPER.writer(PRINTER).writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static ProofBundle.Reading reading(JsonFields fields) {
    fields.rejectUnknown(READING);
    byte[] canonical = fields.hex("canonical");
    ProofBundle.Reading reading = new ProofBundle.Reading(canonical, fields.bytes32("salt"));
    if (fields.has("decoded")) {
      CanonicalReading stated =
          ReadingJson.fromJson(fields.required("decoded"), fields.path("decoded"));
      CanonicalReading actual;
      try {
        actual = CanonicalReading.fromCanonicalBytes(canonical);
      } catch (IllegalArgumentException e) {
        return reading; // the verifier's reading step reports undecodable bytes
      }
      if (!stated.equals(actual)) {
        throw new BundleFormatException(
            fields.path("decoded"), "does not match the canonical bytes in reading.canonical");
      }
    }
    return reading;
  }

  private static SignedBatchHeader batch(JsonFields fields) {
    fields.rejectUnknown(BATCH);
    try {
      BatchHeader header =
          new BatchHeader(
              fields.address("gateway"),
              fields.uint("batchSeq"),
              fields.bytes32("prevHeaderHash"),
              fields.bytes32("root"),
              fields.uint("size"),
              fields.uint("firstTimestamp"),
              fields.uint("lastTimestamp"));
      return new SignedBatchHeader(header, signature(fields));
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException("batch", e.getMessage(), e);
    }
  }

  private static Signature signature(JsonFields fields) {
    byte[] bytes = fields.hex("signature");
    if (bytes.length == Signature.LENGTH && bytes[64] != 27 && bytes[64] != 28) {
      throw new BundleFormatException(
          fields.path("signature"), "v is " + Byte.toUnsignedInt(bytes[64]) + ", want 27 or 28");
    }
    try {
      return Signature.fromBytes(bytes);
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException(fields.path("signature"), e.getMessage(), e);
    }
  }

  private static ProofBundle.Epoch epoch(JsonFields fields) {
    fields.rejectUnknown(EPOCH);
    Checkpoint checkpoint =
        new Checkpoint(
            fields.uint("epoch"),
            fields.bytes32("root"),
            fields.uint("size"),
            fields.bytes32("prevCheckpoint"));
    InclusionProof proof = inclusion(fields, fields.uint("leafIndex"), checkpoint.size(), "epoch");
    return new ProofBundle.Epoch(proof, checkpoint, fields.bytes32("checkpoint"));
  }

  private static ProofBundle.Anchor anchor(JsonFields fields) {
    fields.rejectUnknown(ANCHOR);
    return new ProofBundle.Anchor(
        fields.bytes32("transactionHash"), fields.uint("blockNumber"), fields.uint("logIndex"));
  }

  private static InclusionProof inclusion(
      JsonFields fields, long leafIndex, long treeSize, String path) {
    List<Bytes32> elements = fields.bytes32List("path");
    try {
      return new InclusionProof(leafIndex, treeSize, elements);
    } catch (ProofException e) {
      throw new BundleFormatException(path, e.getMessage(), e);
    }
  }

  /**
   * The JSON path where the parser gave up, e.g. {@code batch.root} for a duplicate {@code root}
   * key in {@code batch}, or {@code ""} at the top level (trailing content).
   */
  private static String jsonPath(JsonProcessingException e) {
    return e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "";
  }

  private static String path(JsonStreamContext context) {
    if (context == null || context.inRoot()) {
      return "";
    }
    String parent = path(context.getParent());
    if (context.inArray()) {
      return context.getCurrentIndex() < 0
          ? parent
          : parent + "[" + context.getCurrentIndex() + "]";
    }
    String name = context.getCurrentName();
    if (name == null) {
      return parent;
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 0
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static void putPath(ObjectNode node, List<Bytes32> path) {
    ArrayNode array = node.putArray("path");
    path.forEach(element -> array.add(element.toHex()));
  }
}
