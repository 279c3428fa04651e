package org.citygate.proofs.eip712;

/**
 * A signature that is malformed, non-canonical, or from which no public key can be recovered.
 *
 * <p>An {@link IllegalArgumentException}, so callers that only care that the input was bad need not
 * name it; the message says what was wrong.
 */
public final class InvalidSignatureException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message saying what was wrong. */
  public InvalidSignatureException(String message) {
    super(message);
  }
}
