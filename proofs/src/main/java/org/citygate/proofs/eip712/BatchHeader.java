package org.citygate.proofs.eip712;

import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;

/**
 * A gateway's batch header, the EIP-712 struct the gateway signs for each batch of readings.
 *
 * <p>Type: {@value #TYPE}.
 *
 * <p><b>Header hash.</b> The identity of a header, its "header hash", <em>is</em> its EIP-712
 * {@link #digest(Eip712Domain) digest} in the Citygate domain. The next header of the same gateway
 * carries it as {@code prevHeaderHash}, so headers form a hash chain: a missing, reordered or
 * rewritten header breaks the chain. Because the digest includes the domain separator, the chain is
 * also bound to one chain id and one anchor registry. The first header of a gateway has {@code
 * prevHeaderHash} = {@link Bytes32#ZERO} and {@code batchSeq} = 0.
 *
 * <p>{@code uint64} fields are Java {@code long}s and must not be negative (values at or above
 * 2<sup>63</sup> are not representable and not needed: timestamps are Unix milliseconds).
 *
 * @param gateway the gateway's address, which must be the signer
 * @param batchSeq monotonic per gateway, starting at 0
 * @param prevHeaderHash the previous header's {@link #digest(Eip712Domain) header hash}
 * @param root the root of the batch's reading tree
 * @param size the number of readings in the batch
 * @param firstTimestamp the earliest reading timestamp (Unix milliseconds)
 * @param lastTimestamp the latest reading timestamp (Unix milliseconds), not before the first
 */
public record BatchHeader(
    Address gateway,
    long batchSeq,
    Bytes32 prevHeaderHash,
    Bytes32 root,
    long size,
    long firstTimestamp,
    long lastTimestamp) {
  /** The canonical EIP-712 type string (no spaces, field order fixed). */
  public static final String TYPE =
      "BatchHeader(address gateway,uint64 batchSeq,bytes32 prevHeaderHash,bytes32 root,"
          + "uint64 size,uint64 firstTimestamp,uint64 lastTimestamp)";

  /** {@code keccak256(TYPE)}. */
  public static final Bytes32 TYPE_HASH = Eip712Domain.typeHash(TYPE);

  /** Validates the fields: none missing, {@code uint64}s not negative, timestamps in order. */
  public BatchHeader {
    if (gateway == null || prevHeaderHash == null || root == null) {
      throw new IllegalArgumentException(
          "batch header needs gateway, prevHeaderHash and root; "
              + (gateway == null ? "gateway" : prevHeaderHash == null ? "prevHeaderHash" : "root")
              + " is missing");
    }
    requireUint64("batchSeq", batchSeq);
    requireUint64("size", size);
    requireUint64("firstTimestamp", firstTimestamp);
    requireUint64("lastTimestamp", lastTimestamp);
    if (firstTimestamp > lastTimestamp) {
      throw new IllegalArgumentException(
          "batch header firstTimestamp "
              + firstTimestamp
              + " is after lastTimestamp "
              + lastTimestamp);
    }
  }

  /**
   * The EIP-712 {@code hashStruct}: {@code keccak256(abi.encode(TYPE_HASH, gateway, batchSeq,
   * prevHeaderHash, root, size, firstTimestamp, lastTimestamp))}.
   */
  public Bytes32 structHash() {
    return Bytes32.keccak(
        AbiWords.encode()
            .bytes32(TYPE_HASH)
            .address(gateway)
            .uint64(batchSeq)
            .bytes32(prevHeaderHash)
            .bytes32(root)
            .uint64(size)
            .uint64(firstTimestamp)
            .uint64(lastTimestamp)
            .toBytes());
  }

  /**
   * The EIP-712 digest {@code keccak256(0x19 ‖ 0x01 ‖ domain.separator() ‖ structHash())}: what the
   * gateway signs, and this header's <b>header hash</b> (the next header's {@code prevHeaderHash}).
   */
  public Bytes32 digest(Eip712Domain domain) {
    return domain.hashTypedData(structHash());
  }

  private static void requireUint64(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "batch header " + field + " must not be negative (uint64): " + value);
    }
  }
}
