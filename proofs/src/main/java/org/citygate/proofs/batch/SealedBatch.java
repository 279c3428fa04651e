package org.citygate.proofs.batch;

import java.math.BigInteger;
import java.util.List;
import org.citygate.proofs.eip712.SignedBatchHeader;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.leaf.BatchLeaf;
import org.citygate.proofs.merkle.InclusionProof;
import org.citygate.proofs.merkle.MerkleTree;

/**
 * A closed, signed gateway batch: its readings in leaf order, their tree and the signed header.
 *
 * @param chainId the ledger the batch is for
 * @param registry the anchor registry (EIP-712 verifying contract)
 * @param header the gateway's signed header over the tree's root and size
 * @param readings the readings, in leaf order
 * @param tree the batch tree over the reading leaves
 */
public record SealedBatch(
    BigInteger chainId,
    Address registry,
    SignedBatchHeader header,
    List<SaltedReading> readings,
    MerkleTree tree) {

  /** Checks that the parts agree with each other. */
  public SealedBatch {
    readings = List.copyOf(readings);
    if (tree.size() != readings.size() || header.header().size() != readings.size()) {
      throw new IllegalArgumentException(
          "batch of "
              + readings.size()
              + " readings with a tree of "
              + tree.size()
              + " and a header of "
              + header.header().size());
    }
    if (!tree.root().equals(header.header().root())) {
      throw new IllegalArgumentException("the header does not sign the tree's root");
    }
  }

  /** The inclusion proof of reading {@code index} in this batch. */
  public InclusionProof readingProof(int index) {
    return tree.inclusionProof(index);
  }

  /** This batch's leaf in the epoch log. */
  public BatchLeaf batchLeaf() {
    var h = header.header();
    return new BatchLeaf(
        chainId, registry, h.gateway(), h.batchSeq(), h.root(), h.size(), header.signatureHash());
  }
}
