package org.citygate.gateway.journal;

/** The journal's store failed: it cannot be opened, read, or a commit failed. */
public final class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message that says what failed and, where known, what to do. */
  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Without an underlying cause. */
  public JournalException(String message) {
    super(message);
  }
}
