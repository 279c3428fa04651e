package org.citygate.proofs.leaf;

import java.math.BigInteger;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.MerkleHasher;

/**
 * A leaf of the city-wide epoch log: one signed gateway batch.
 *
 * <p>Leaf data is {@code abi.encode(uint8 0x02, uint256 chainId, address registry, address gateway,
 * uint64 batchSeq, bytes32 batchRoot, uint64 batchSize, bytes32 headerSigHash)}. Committing to
 * {@code batchSize} binds the size of the lower (reading) proof, so a shorter or longer reading
 * proof cannot be made to fit; {@code headerSigHash} binds the gateway's signature.
 */
public record BatchLeaf(
    BigInteger chainId,
    Address registry,
    Address gateway,
    long batchSeq,
    Bytes32 batchRoot,
    long batchSize,
    Bytes32 headerSigHash) {

  /** Checks for missing parts and values out of range. */
  public BatchLeaf {
    Leaves.requireUint256("chainId", chainId);
    Leaves.require("registry", registry);
    Leaves.require("gateway", gateway);
    Leaves.requireUint64("batchSeq", batchSeq);
    Leaves.require("batchRoot", batchRoot);
    Leaves.requireUint64("batchSize", batchSize);
    Leaves.require("headerSigHash", headerSigHash);
  }

  /** The ABI-encoded leaf data (256 bytes). */
  public byte[] encode() {
    return AbiWords.encode()
        .uint8(LeafType.BATCH.tag())
        .uint256(chainId)
        .address(registry)
        .address(gateway)
        .uint64(batchSeq)
        .bytes32(batchRoot)
        .uint64(batchSize)
        .bytes32(headerSigHash)
        .toBytes();
  }

  /** The RFC 6962 leaf hash {@code keccak256(0x00 ‖ encode())}. */
  public Bytes32 leafHash() {
    return MerkleHasher.hashLeaf(encode());
  }
}
