package org.citygate.proofs.batch;

import java.math.BigInteger;
import java.util.List;
import org.citygate.proofs.eip712.BatchHeader;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.eip712.SignedBatchHeader;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.MerkleTree;

/**
 * Turns a gateway's readings into signed, hash-chained batches.
 *
 * <p>Holds the gateway's chain state: the next {@code batchSeq} and the previous header's hash.
 * Each {@link #seal} builds the batch tree from the salted reading leaves, signs the EIP-712 header
 * and advances the chain, so consecutive batches link by {@code prevHeaderHash} and a gap or
 * rewrite is visible to the anchor-service. Not thread-safe: a gateway seals from one thread.
 */
public final class BatchSealer {
  private final BigInteger chainId;
  private final Address registry;
  private final Eip712Domain domain;
  private final Secp256k1PrivateKey key;
  private long nextSeq;
  private Bytes32 prevHeaderHash;

  /**
   * A sealer that continues a gateway's chain.
   *
   * @param chainId the ledger's chain id
   * @param registry the anchor registry contract
   * @param key the gateway's signing key
   * @param nextSeq the {@code batchSeq} of the next batch (0 for a new gateway)
   * @param prevHeaderHash the last header's hash ({@link Bytes32#ZERO} for a new gateway)
   */
  public BatchSealer(
      BigInteger chainId,
      Address registry,
      Secp256k1PrivateKey key,
      long nextSeq,
      Bytes32 prevHeaderHash) {
    if (nextSeq < 0) {
      throw new IllegalArgumentException("nextSeq must not be negative: " + nextSeq);
    }
    this.chainId = chainId;
    this.registry = registry;
    this.domain = Eip712Domain.citygate(chainId, registry);
    this.key = key;
    this.nextSeq = nextSeq;
    this.prevHeaderHash = prevHeaderHash;
  }

  /** Seals {@code readings} (in leaf order) into the next batch. */
  public SealedBatch seal(List<SaltedReading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one reading");
    }
    Address gateway = key.address();
    byte[][] leaves = new byte[readings.size()][];
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < leaves.length; i++) {
      SaltedReading salted = readings.get(i);
      leaves[i] = salted.leaf(chainId, gateway).leafHash().bytes();
      first = Math.min(first, salted.reading().timestampMillis());
      last = Math.max(last, salted.reading().timestampMillis());
    }
    MerkleTree tree = MerkleTree.fromLeafHashes(leaves);
    BatchHeader header =
        new BatchHeader(gateway, nextSeq, prevHeaderHash, tree.root(), leaves.length, first, last);
    SignedBatchHeader signed = SignedBatchHeader.sign(header, domain, key);
    nextSeq++;
    prevHeaderHash = signed.headerHash(domain);
    return new SealedBatch(chainId, registry, signed, readings, tree);
  }

  /** The {@code batchSeq} the next batch will carry. */
  public long nextSeq() {
    return nextSeq;
  }

  /** The hash of the last sealed header. */
  public Bytes32 prevHeaderHash() {
    return prevHeaderHash;
  }
}
