package org.citygate.proofs.verify;

import java.math.BigInteger;
import org.citygate.proofs.hash.Address;

/**
 * What a verifier trusts: the city's ledger (chain id) and its anchor registry contract.
 *
 * <p>A bundle names its own chain and registry, and the gateway's signature and the anchor are
 * checked against those names; anyone can make a key, deploy a registry and build a consistent
 * bundle. Only a bundle whose chain and registry are the ones the verifier pins can be fully
 * verified.
 *
 * @param chainId the city ledger's chain id
 * @param registry the city's anchor registry contract
 */
public record TrustRoot(BigInteger chainId, Address registry) {
  /** Checks presence. */
  public TrustRoot {
    if (chainId == null || chainId.signum() < 0 || registry == null) {
      throw new IllegalArgumentException("a trust root needs a chain id and a registry address");
    }
  }
}
