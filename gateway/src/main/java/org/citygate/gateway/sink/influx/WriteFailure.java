package org.citygate.gateway.sink.influx;

/**
 * A write the database did not accept, with what to do about it.
 *
 * <p>The classification follows the InfluxDB v2 write API's status codes:
 *
 * <ul>
 *   <li>{@link Kind#REFUSED}: 400 (line protocol or field type conflict) and 422 (outside the
 *       retention period). The data is at fault: writing it again fails again.
 *   <li>{@link Kind#TOO_LARGE}: 413. Smaller requests may pass.
 *   <li>{@link Kind#RETRYABLE}: everything else: no response (I/O), 408, 429, 5xx, and also 401,
 *       403 and 404 (token, organisation or bucket wrong): the data is not at fault, so it waits in
 *       the backlog until the database or its configuration is fixed ({@code doctor} says which).
 * </ul>
 */
public final class WriteFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What the writer does with a failed request. */
  public enum Kind {
    /** Keep the readings and try again later. */
    RETRYABLE,
    /** Split the request; a single point that is refused goes to the dead-letter store. */
    REFUSED,
    /** Split the request; a single point too large goes to the dead-letter store. */
    TOO_LARGE
  }

  private final int status;
  private final Kind kind;

  /** A failure with HTTP {@code status} (0 for no response) and the database's {@code message}. */
  public WriteFailure(int status, String message, Throwable cause) {
    super(describe(status, message), cause);
    this.status = status;
    this.kind = classify(status);
  }

  /** The HTTP status, or 0 when there was no response (connection refused, timeout). */
  public int status() {
    return status;
  }

  /** What to do about it. */
  public Kind kind() {
    return kind;
  }

  /** The classification of an HTTP status (0: no response). */
  public static Kind classify(int status) {
    switch (status) {
      case 400:
      case 422:
        return Kind.REFUSED;
      case 413:
        return Kind.TOO_LARGE;
      default:
        return Kind.RETRYABLE;
    }
  }

  private static String describe(int status, String message) {
    return (status == 0 ? "no response" : "HTTP " + status) + ": " + message;
  }
}
