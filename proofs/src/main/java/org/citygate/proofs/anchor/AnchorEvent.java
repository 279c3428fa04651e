package org.citygate.proofs.anchor;

import java.nio.charset.StandardCharsets;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * The event the anchor registry emits for each anchored epoch, and its expected log layout:
 *
 * <pre>
 * event CheckpointAnchored(uint64 indexed epoch, bytes32 indexed checkpoint,
 *                          bytes32 root, uint64 size, bytes32 prevCheckpoint);
 * topics = [keccak256(SIGNATURE), epoch as a word, checkpoint]
 * data   = abi.encode(root, size, prevCheckpoint)          (96 bytes)
 * </pre>
 */
public final class AnchorEvent {
  /** The canonical event signature. */
  public static final String SIGNATURE =
      "CheckpointAnchored(uint64,bytes32,bytes32,uint64,bytes32)";

  /** {@code keccak256(SIGNATURE)}: the log's first topic. */
  public static final Bytes32 TOPIC =
      new Bytes32(Keccak256.hash(SIGNATURE.getBytes(StandardCharsets.US_ASCII)));

  private AnchorEvent() {}

  /** The log's topics for {@code checkpoint}. */
  public static Bytes32[] topics(Checkpoint checkpoint) {
    return new Bytes32[] {
      TOPIC, new Bytes32(AbiWords.encode().uint64(checkpoint.epoch()).toBytes()), checkpoint.hash()
    };
  }

  /** The log's data for {@code checkpoint}. */
  public static byte[] data(Checkpoint checkpoint) {
    return AbiWords.encode()
        .bytes32(checkpoint.root())
        .uint64(checkpoint.size())
        .bytes32(checkpoint.prevCheckpoint())
        .toBytes();
  }
}
