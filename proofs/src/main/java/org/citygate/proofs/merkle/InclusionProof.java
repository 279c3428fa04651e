package org.citygate.proofs.merkle;

import java.util.List;
import org.citygate.proofs.hash.Bytes32;

/**
 * An RFC 9162 §2.1.3 inclusion proof: the sibling hashes from leaf {@code leafIndex} up to the root
 * of the tree of {@code treeSize} leaves, bottom first.
 *
 * <p>Checked with {@link MerkleVerifier#verifyInclusion}. Construction only checks that the index
 * is inside the tree; whether the path has the right length for {@code (leafIndex, treeSize)} is
 * part of verification.
 *
 * @param leafIndex zero-based position of the leaf
 * @param treeSize number of leaves in the tree the proof is for
 * @param path sibling hashes, bottom first (an unmodifiable copy)
 */
public record InclusionProof(long leafIndex, long treeSize, List<Bytes32> path) {
  /**
   * Validates and takes a defensive copy.
   *
   * @throws ProofException {@code INDEX_OUT_OF_RANGE} unless {@code 0 <= leafIndex < treeSize},
   *     {@code MALFORMED} if the path or one of its elements is missing
   */
  public InclusionProof {
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new ProofException(
          ProofException.Reason.INDEX_OUT_OF_RANGE,
          "leaf index " + leafIndex + " out of range for tree size " + treeSize);
    }
    path = MerkleVerifier.copyPath(path);
  }
}
