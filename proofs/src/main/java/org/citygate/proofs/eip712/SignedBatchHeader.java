package org.citygate.proofs.eip712;

import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;

/**
 * A batch header with the gateway's EIP-712 signature over its {@link BatchHeader#digest digest}.
 *
 * <p>The record does not check the signature when built (a bundle read from disk may hold a bad
 * one, and the verifier must be able to say so); call {@link #isSignedByGateway(Eip712Domain)}.
 *
 * <p>{@link #signatureHash()} is what the epoch log's batch leaf commits to as {@code
 * headerSigHash}. Since a {@link Signature} is canonical (low s, fixed v), nobody but the gateway
 * can produce a second valid encoding of the same signature; a gateway signing the same header
 * twice with different nonces would give two hashes, which RFC 6979 signing avoids.
 */
public record SignedBatchHeader(BatchHeader header, Signature signature) {
  /** Requires both parts. */
  public SignedBatchHeader {
    if (header == null || signature == null) {
      throw new IllegalArgumentException(
          "signed batch header needs " + (header == null ? "a header" : "a signature"));
    }
  }

  /**
   * Signs {@code header} in {@code domain} with the gateway's key.
   *
   * @throws IllegalArgumentException when the key's address is not {@code header.gateway()}
   */
  public static SignedBatchHeader sign(
      BatchHeader header, Eip712Domain domain, Secp256k1PrivateKey key) {
    if (!key.address().equals(header.gateway())) {
      throw new IllegalArgumentException(
          "key for "
              + key.address()
              + " cannot sign a header of gateway "
              + header.gateway()
              + ": the signer must be the gateway");
    }
    return new SignedBatchHeader(header, Secp256k1.sign(header.digest(domain), key));
  }

  /**
   * The address that signed the header in {@code domain}.
   *
   * @throws InvalidSignatureException when no address recovers
   */
  public Address recoverSigner(Eip712Domain domain) {
    return Secp256k1.recover(header.digest(domain), signature);
  }

  /** Whether the signature recovers to {@code header.gateway()} in {@code domain}. */
  public boolean isSignedByGateway(Eip712Domain domain) {
    try {
      return recoverSigner(domain).equals(header.gateway());
    } catch (InvalidSignatureException e) {
      return false;
    }
  }

  /**
   * {@code keccak256} of the 65 signature bytes {@code r ‖ s ‖ v}: the batch leaf's {@code
   * headerSigHash}.
   */
  public Bytes32 signatureHash() {
    return Bytes32.keccak(signature.toBytes());
  }

  /** The header hash, i.e. the header's EIP-712 digest; see {@link BatchHeader}. */
  public Bytes32 headerHash(Eip712Domain domain) {
    return header.digest(domain);
  }
}
