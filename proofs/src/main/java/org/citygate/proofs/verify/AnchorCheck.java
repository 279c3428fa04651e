package org.citygate.proofs.verify;

import org.citygate.proofs.bundle.ProofBundle;

/**
 * Checks a bundle's checkpoint against the ledger itself. The offline verifier has none and reports
 * the anchor step as skipped; {@code citygate-verify --rpc URL} plugs in one that asks an EVM node
 * over JSON-RPC.
 */
@FunctionalInterface
public interface AnchorCheck {
  /**
   * Checks that {@code bundle}'s checkpoint is the one anchored at its stated transaction.
   *
   * @param bundle a bundle whose offline steps all passed and which has an epoch and an anchor
   * @return the {@link Step#ANCHOR} result
   */
  StepResult check(ProofBundle bundle);
}
