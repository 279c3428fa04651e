package org.citygate.proofs.leaf;

import java.math.BigInteger;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.MerkleHasher;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * A leaf of a gateway's batch tree: one reading, salted.
 *
 * <p>Leaf data is {@code abi.encode(uint8 0x01, uint256 chainId, address gateway, bytes32 deviceId,
 * uint64 deviceSeq, uint64 timestampMillis, bytes32 payloadHash, bytes32 salt)}. The salt (a
 * per-reading HMAC, see {@link Salts}) keeps low-entropy readings such as "bay 12 is taken" from
 * being guessed out of the sibling hashes in somebody else's proof; the payload hash commits to the
 * {@linkplain CanonicalReading canonical reading bytes}.
 */
public record ReadingLeaf(
    BigInteger chainId,
    Address gateway,
    Bytes32 deviceId,
    long deviceSeq,
    long timestampMillis,
    Bytes32 payloadHash,
    Bytes32 salt) {

  /** Checks for missing parts and values out of range. */
  public ReadingLeaf {
    Leaves.requireUint256("chainId", chainId);
    Leaves.require("gateway", gateway);
    Leaves.require("deviceId", deviceId);
    Leaves.requireUint64("deviceSeq", deviceSeq);
    Leaves.requireUint64("timestampMillis", timestampMillis);
    Leaves.require("payloadHash", payloadHash);
    Leaves.require("salt", salt);
  }

  /** The leaf for {@code reading}, collected by {@code gateway} on chain {@code chainId}. */
  public static ReadingLeaf of(
      BigInteger chainId, Address gateway, CanonicalReading reading, Bytes32 salt) {
    return new ReadingLeaf(
        chainId,
        gateway,
        reading.deviceIdHash(),
        reading.deviceSeq(),
        reading.timestampMillis(),
        reading.payloadHash(),
        salt);
  }

  /** The ABI-encoded leaf data (256 bytes). */
  public byte[] encode() {
    return AbiWords.encode()
        .uint8(LeafType.READING.tag())
        .uint256(chainId)
        .address(gateway)
        .bytes32(deviceId)
        .uint64(deviceSeq)
        .uint64(timestampMillis)
        .bytes32(payloadHash)
        .bytes32(salt)
        .toBytes();
  }

  /** The RFC 6962 leaf hash {@code keccak256(0x00 ‖ encode())}. */
  public Bytes32 leafHash() {
    return MerkleHasher.hashLeaf(encode());
  }
}
