package org.citygate.proofs.merkle;

import java.util.List;
import org.citygate.proofs.hash.Bytes32;

/**
 * An RFC 9162 §2.1.4 consistency proof: the hashes that show the tree of {@code newSize} leaves
 * extends the tree of {@code oldSize} leaves without changing any of them (append-only).
 *
 * <p>Checked with {@link MerkleVerifier#verifyConsistency}. The path is empty when {@code oldSize}
 * is 0 or equals {@code newSize}.
 *
 * @param oldSize leaves in the earlier tree
 * @param newSize leaves in the later tree
 * @param path the RFC 9162 {@code PROOF(oldSize, D[newSize])} hashes (an unmodifiable copy)
 */
public record ConsistencyProof(long oldSize, long newSize, List<Bytes32> path) {
  /**
   * Validates and takes a defensive copy.
   *
   * @throws ProofException {@code MALFORMED} if {@code oldSize} is negative or the path or one of
   *     its elements is missing, {@code SIZE_DECREASED} if {@code newSize < oldSize}
   */
  public ConsistencyProof {
    if (oldSize < 0) {
      throw new ProofException(ProofException.Reason.MALFORMED, "negative old size " + oldSize);
    }
    if (newSize < oldSize) {
      throw new ProofException(
          ProofException.Reason.SIZE_DECREASED,
          "new size " + newSize + " is smaller than old size " + oldSize);
    }
    path = MerkleVerifier.copyPath(path);
  }
}
