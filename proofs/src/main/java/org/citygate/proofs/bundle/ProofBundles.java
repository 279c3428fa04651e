package org.citygate.proofs.bundle;

import java.util.Optional;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.batch.SaltedReading;
import org.citygate.proofs.batch.SealedBatch;
import org.citygate.proofs.merkle.MerkleTree;

/** Assembles proof bundles from the parts the gateway and the anchor-service keep. */
public final class ProofBundles {
  private ProofBundles() {}

  /** A bundle for a reading whose batch is not yet in a closed epoch. */
  public static ProofBundle pending(SealedBatch batch, int readingIndex) {
    return assemble(batch, readingIndex, Optional.empty(), Optional.empty());
  }

  /**
   * A bundle for reading {@code readingIndex} of {@code batch}, whose batch leaf is leaf {@code
   * epochLeafIndex} of {@code epochLog}, closed at {@code checkpoint} (the log's first {@code
   * checkpoint.size()} leaves).
   */
  public static ProofBundle anchored(
      SealedBatch batch,
      int readingIndex,
      MerkleTree epochLog,
      long epochLeafIndex,
      Checkpoint checkpoint,
      Optional<ProofBundle.Anchor> anchor) {
    if (!epochLog.rootAt(checkpoint.size()).equals(checkpoint.root())) {
      throw new IllegalArgumentException(
          "the checkpoint's root is not the epoch log's root at size " + checkpoint.size());
    }
    ProofBundle.Epoch epoch =
        new ProofBundle.Epoch(
            epochLog.inclusionProof(epochLeafIndex, checkpoint.size()),
            checkpoint,
            checkpoint.hash());
    return assemble(batch, readingIndex, Optional.of(epoch), anchor);
  }

  private static ProofBundle assemble(
      SealedBatch batch,
      int readingIndex,
      Optional<ProofBundle.Epoch> epoch,
      Optional<ProofBundle.Anchor> anchor) {
    SaltedReading salted = batch.readings().get(readingIndex);
    return new ProofBundle(
        batch.chainId(),
        batch.registry(),
        new ProofBundle.Reading(salted.reading().toCanonicalBytes(), salted.salt()),
        batch.readingProof(readingIndex),
        batch.header(),
        epoch,
        anchor);
  }
}
