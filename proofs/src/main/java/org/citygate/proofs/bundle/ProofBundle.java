package org.citygate.proofs.bundle;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.SignedBatchHeader;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.InclusionProof;

/**
 * Everything needed to verify one reading against the city ledger without asking any service: the
 * reading and its salt, its inclusion in a signed gateway batch, the batch's inclusion in an epoch
 * log, the epoch's checkpoint and where that checkpoint was anchored.
 *
 * <p>The JSON form is read and written by {@link ProofBundleJson} and specified in {@code
 * docs/proof-format.md}. A bundle for a reading whose batch is not yet in an anchored epoch has no
 * {@code epoch} and no {@code anchor}; the verifier then checks what there is and says the rest is
 * pending.
 *
 * @param chainId the ledger's chain id
 * @param registry the anchor registry contract: EIP-712 verifying contract and batch-leaf field
 * @param reading the canonical reading bytes and salt
 * @param readingProof inclusion of the reading leaf in the batch tree
 * @param batch the gateway's signed batch header
 * @param epoch inclusion of the batch leaf in the epoch log, and the checkpoint; empty while
 *     pending
 * @param anchor where the checkpoint was anchored; empty while pending
 */
public record ProofBundle(
    BigInteger chainId,
    Address registry,
    Reading reading,
    InclusionProof readingProof,
    SignedBatchHeader batch,
    Optional<Epoch> epoch,
    Optional<Anchor> anchor) {

  /** The bundle format version this library writes and reads. */
  public static final int VERSION = 1;

  /** Checks that the required parts are present. */
  public ProofBundle {
    require(chainId, "chainId");
    require(registry, "registry");
    require(reading, "reading");
    require(readingProof, "readingProof");
    require(batch, "batch");
    require(epoch, "epoch");
    require(anchor, "anchor");
    if (anchor.isPresent() && epoch.isEmpty()) {
      throw new IllegalArgumentException("a bundle with an anchor needs its epoch part");
    }
  }

  /** The EIP-712 domain the gateway signed under. */
  public Eip712Domain domain() {
    return Eip712Domain.citygate(chainId, registry);
  }

  /**
   * The reading as the gateway committed to it.
   *
   * @param canonicalBytes the canonical reading bytes (see {@code CanonicalReading})
   * @param salt the reading's salt
   */
  public record Reading(byte[] canonicalBytes, Bytes32 salt) {
    /** Defensive copy. */
    public Reading {
      require(canonicalBytes, "reading.canonical");
      require(salt, "reading.salt");
      canonicalBytes = canonicalBytes.clone();
    }

    @Override
    public byte[] canonicalBytes() {
      return canonicalBytes.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Reading that
          && Arrays.equals(canonicalBytes, that.canonicalBytes)
          && salt.equals(that.salt);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(canonicalBytes) + salt.hashCode();
    }

    @Override
    public String toString() {
      return "Reading[" + canonicalBytes.length + " bytes, salt=" + salt + "]";
    }
  }

  /**
   * The batch's place in the epoch log.
   *
   * @param proof inclusion of the batch leaf in the epoch log of {@code checkpoint.size()} leaves
   * @param checkpoint the epoch's checkpoint
   * @param statedCheckpointHash the checkpoint hash as the service stated it (what the chain holds)
   */
  public record Epoch(InclusionProof proof, Checkpoint checkpoint, Bytes32 statedCheckpointHash) {
    /** Checks presence. */
    public Epoch {
      require(proof, "epoch.proof");
      require(checkpoint, "epoch.checkpoint");
      require(statedCheckpointHash, "epoch.checkpointHash");
    }
  }

  /**
   * Where the checkpoint was anchored.
   *
   * @param transactionHash the anchoring transaction
   * @param blockNumber the block that holds it
   * @param logIndex the index of the anchor event in that block
   */
  public record Anchor(Bytes32 transactionHash, long blockNumber, long logIndex) {
    /** Checks presence and ranges. */
    public Anchor {
      require(transactionHash, "anchor.transactionHash");
      if (blockNumber < 0 || logIndex < 0) {
        throw new IllegalArgumentException(
            "anchor block number and log index must not be negative");
      }
    }
  }

  private static void require(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
  }
}
