package org.citygate.proofs.anchor;

import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * What one epoch anchors on chain: the epoch log's root and size, chained to the previous
 * checkpoint.
 *
 * <p>{@code checkpoint = keccak256(abi.encode(uint64 epoch, uint64 size, bytes32 root, bytes32
 * prevCheckpoint))}; the first epoch's {@code prevCheckpoint} is zero. The registry contract's
 * {@code anchor(epoch, root, size, prevCheckpoint)} stores this one word per epoch, so rewriting
 * any earlier epoch breaks every later checkpoint.
 */
public record Checkpoint(long epoch, Bytes32 root, long size, Bytes32 prevCheckpoint) {

  /** Checks ranges and presence. */
  public Checkpoint {
    if (epoch < 0 || size < 0) {
      throw new IllegalArgumentException("epoch and size must not be negative");
    }
    if (root == null || prevCheckpoint == null) {
      throw new IllegalArgumentException("root and prevCheckpoint are required");
    }
  }

  /** The checkpoint hash. */
  public Bytes32 hash() {
    return new Bytes32(
        Keccak256.hash(
            AbiWords.encode()
                .uint64(epoch)
                .uint64(size)
                .bytes32(root)
                .bytes32(prevCheckpoint)
                .toBytes()));
  }
}
