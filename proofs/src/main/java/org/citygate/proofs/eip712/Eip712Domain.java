package org.citygate.proofs.eip712;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * An EIP-712 domain with the four fields {@code name}, {@code version}, {@code chainId} and {@code
 * verifyingContract} (no salt), as OpenZeppelin's {@code EIP712} contract builds it.
 *
 * <p>Binding the chain id and the verifying contract means a header signed for one deployment (the
 * anchor registry on one chain) is not a valid signature for another.
 */
public record Eip712Domain(
    String name, String version, BigInteger chainId, Address verifyingContract) {
  /** The canonical domain type string (field order matters). */
  public static final String TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

  /**
   * {@code keccak256(TYPE)} = {@code
   * 0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f}.
   */
  public static final Bytes32 TYPE_HASH = typeHash(TYPE);

  /** Citygate's domain name. */
  public static final String CITYGATE_NAME = "Citygate";

  /** Citygate's domain version. */
  public static final String CITYGATE_VERSION = "1";

  /** Validates the fields: none missing, {@code chainId} a {@code uint256}. */
  public Eip712Domain {
    if (name == null || version == null || chainId == null || verifyingContract == null) {
      throw new IllegalArgumentException(
          "EIP-712 domain needs name, version, chainId and verifyingContract");
    }
    if (chainId.signum() < 0 || chainId.bitLength() > 256) {
      throw new IllegalArgumentException("chainId " + chainId + " does not fit uint256");
    }
  }

  /** Citygate's domain: name {@code Citygate}, version {@code 1}, the anchor registry's address. */
  public static Eip712Domain citygate(BigInteger chainId, Address registry) {
    return new Eip712Domain(CITYGATE_NAME, CITYGATE_VERSION, chainId, registry);
  }

  /** {@code keccak256} of a type string in UTF-8: an EIP-712 {@code typeHash}. */
  public static Bytes32 typeHash(String type) {
    return Bytes32.keccak(type.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The domain separator: {@code keccak256(abi.encode(TYPE_HASH, keccak256(name),
   * keccak256(version), chainId, verifyingContract))}.
   */
  public Bytes32 separator() {
    return Bytes32.keccak(
        AbiWords.encode()
            .bytes32(TYPE_HASH)
            .word(Keccak256.hash(name.getBytes(StandardCharsets.UTF_8)))
            .word(Keccak256.hash(version.getBytes(StandardCharsets.UTF_8)))
            .uint256(chainId)
            .address(verifyingContract)
            .toBytes());
  }

  /**
   * The EIP-712 digest of a struct in this domain: {@code keccak256(0x19 ‖ 0x01 ‖ separator() ‖
   * structHash)}, what is signed and what {@code ecrecover} is given (OpenZeppelin's {@code
   * _hashTypedDataV4}).
   */
  public Bytes32 hashTypedData(Bytes32 structHash) {
    return new Bytes32(
        Keccak256.hash(new byte[] {0x19, 0x01}, separator().bytes(), structHash.bytes()));
  }
}
