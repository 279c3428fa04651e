package org.citygate.proofs.verify;

/** The checks a proof bundle goes through, in order; each names what it establishes. */
public enum Step {
  /** The bundle's chain and registry are the ones the verifier trusts. */
  TRUST_ROOT("trusted registry"),
  /** The canonical reading bytes decode, and the readable view matches them. */
  READING("reading"),
  /** The reading leaf is built from the reading, its salt, the chain and the gateway. */
  READING_LEAF("reading leaf"),
  /** The reading leaf is in the batch tree whose root and size the gateway signed. */
  BATCH_INCLUSION("batch inclusion"),
  /** The batch header is signed by the gateway it names (EIP-712, secp256k1). */
  GATEWAY_SIGNATURE("gateway signature"),
  /** The batch leaf is in the epoch log whose root and size the checkpoint holds. */
  EPOCH_INCLUSION("epoch inclusion"),
  /** The checkpoint hash follows from the epoch, size, root and previous checkpoint. */
  CHECKPOINT("checkpoint"),
  /** The checkpoint is anchored on the ledger at the stated transaction. */
  ANCHOR("on-chain anchor");

  private final String label;

  Step(String label) {
    this.label = label;
  }

  /** The step's name in words, as the verifier prints it. */
  public String label() {
    return label;
  }
}
