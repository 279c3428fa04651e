package org.citygate.profiles.codec;

import org.citygate.profiles.RejectReason;
import org.citygate.profiles.Rejection;

/**
 * Thrown inside a decoder to abandon a payload, and caught at the decoder's boundary, where it
 * becomes a {@link DecodeResult.Failed}. It never leaves a {@link PayloadCodec#decode} call. It
 * carries no stack trace: rejecting a payload is routine and must be cheap.
 */
public final class Reject extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The rejection carried. */
  @SuppressWarnings("serial")
  private final Rejection rejection;

  /** A rejection with {@code reason} about {@code field}. */
  public Reject(RejectReason reason, String field, String message) {
    super(message, null, false, false);
    this.rejection = new Rejection(reason, message, field);
  }

  /** The rejection carried. */
  public Rejection rejection() {
    return rejection;
  }
}
