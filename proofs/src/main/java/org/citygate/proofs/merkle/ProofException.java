package org.citygate.proofs.merkle;

/**
 * A Merkle proof was rejected, or was too malformed to check.
 *
 * <p>Carries a short machine-readable {@link Reason} (for the proof-bundle verifier to say which
 * step failed, and for tests to assert the right rejection) and a human message written as "got,
 * want", e.g. {@code wrong proof size 5, want 4} or {@code root mismatch: computed 0x…, want 0x…}.
 * Unchecked, because a rejected proof is a result the caller handles where it chooses, not a
 * recoverable I/O condition.
 */
public final class ProofException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a proof was rejected. */
  public enum Reason {
    /** A part of the proof is missing ({@code null}) or a size is negative. */
    MALFORMED,
    /** The leaf index is not inside the tree: {@code 0 <= index < size} fails. */
    INDEX_OUT_OF_RANGE,
    /** A consistency proof whose new size is smaller than its old size. */
    SIZE_DECREASED,
    /** The path has more or fewer hashes than the RFC 9162 shape for these sizes demands. */
    WRONG_PROOF_SIZE,
    /** An inclusion proof leads to a root other than the expected one. */
    ROOT_MISMATCH,
    /** A consistency proof does not lead to the old root. */
    OLD_ROOT_MISMATCH,
    /** A consistency proof does not lead to the new root. */
    NEW_ROOT_MISMATCH
  }

  private final Reason reason;

  /** A rejection for {@code reason}, explained by {@code message}. */
  public ProofException(Reason reason, String message) {
    super(message);
    if (reason == null) {
      throw new IllegalArgumentException("reason is missing");
    }
    this.reason = reason;
  }

  /** The machine-readable reason. */
  public Reason reason() {
    return reason;
  }
}
