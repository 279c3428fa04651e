package org.citygate.proofs.payout;

import java.math.BigInteger;
import java.util.List;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * One account's entry in a payout tree: what the account may have claimed in total, up to and
 * including {@code epoch}, from one pool of one distributor contract.
 *
 * <p>Encoding, as OpenZeppelin's {@code StandardMerkleTree} with types {@code ["uint256",
 * "address", "uint8", "uint64", "address", "uint256"]}: {@code abi.encode(chainId, distributor,
 * pool, epoch, account, cumulativeAmount)}, and the leaf hash is {@code
 * keccak256(bytes.concat(keccak256(encode())))}. Hashing twice keeps a 64-byte leaf preimage from
 * ever being mistaken for an inner node (whose preimage is also 64 bytes).
 *
 * <p><b>Why the leaf binds chain, distributor, pool and epoch.</b> A proof only ever proves "this
 * leaf is under that root". If the leaf held only {@code (account, amount)}, the same leaf and
 * proof would be valid under any root that happens to contain it: a proof from a testnet
 * deployment, from the other pool's distributor, from the energy pool instead of the rewards pool,
 * or from a superseded epoch could be replayed against another root. Putting {@code chainId},
 * {@code distributor}, {@code pool} and {@code epoch} into the hashed leaf makes the contract's own
 * values part of what is proved: the claim function rebuilds the leaf from {@code block.chainid},
 * {@code address(this)}, the pool and the epoch it is settling, so a leaf made for any other
 * context simply does not hash to a leaf of this tree. The amount is cumulative so a claim pays
 * {@code cumulativeAmount - alreadyClaimed}; a stale proof can at worst pay nothing.
 *
 * @param chainId the chain the distributor is deployed on ({@code uint256})
 * @param distributor the distributor contract that pays
 * @param pool the pool, encoded as its {@code uint8} {@link PayoutPool#code() code}
 * @param epoch the settlement epoch ({@code uint64}, not negative)
 * @param account the payee
 * @param cumulativeAmount the total owed to {@code account} up to this epoch ({@code uint256})
 */
public record PayoutLeaf(
    BigInteger chainId,
    Address distributor,
    PayoutPool pool,
    long epoch,
    Address account,
    BigInteger cumulativeAmount) {
  /** The Solidity types of the encoding, in order, as given to {@code StandardMerkleTree.of}. */
  public static final List<String> TYPES =
      List.of("uint256", "address", "uint8", "uint64", "address", "uint256");

  /** Validates the fields: none missing, integers in their Solidity ranges. */
  public PayoutLeaf {
    if (chainId == null
        || distributor == null
        || pool == null
        || account == null
        || cumulativeAmount == null) {
      throw new IllegalArgumentException(
          "payout leaf needs chainId, distributor, pool, account and cumulativeAmount");
    }
    requireUint256("chainId", chainId);
    requireUint256("cumulativeAmount", cumulativeAmount);
    if (epoch < 0) {
      throw new IllegalArgumentException(
          "payout leaf epoch must not be negative (uint64): " + epoch);
    }
  }

  /**
   * {@code abi.encode(uint256 chainId, address distributor, uint8 pool, uint64 epoch, address
   * account, uint256 cumulativeAmount)}.
   */
  public byte[] encode() {
    return AbiWords.encode()
        .uint256(chainId)
        .address(distributor)
        .uint8(pool.code())
        .uint64(epoch)
        .address(account)
        .uint256(cumulativeAmount)
        .toBytes();
  }

  /** The leaf hash {@code keccak256(bytes.concat(keccak256(encode())))}. */
  public Bytes32 hash() {
    return new Bytes32(Keccak256.hash(Keccak256.hash(encode())));
  }

  private static void requireUint256(String field, BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException(
          "payout leaf " + field + " " + value + " does not fit uint256");
    }
  }
}
