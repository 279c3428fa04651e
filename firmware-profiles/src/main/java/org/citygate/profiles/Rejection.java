package org.citygate.profiles;

/**
 * Why one payload was rejected, for the dead-letter store and the technician.
 *
 * @param reason the closed reason code the gateway counts by
 * @param message what was wrong, with what was found and what was wanted
 * @param field the field, label or segment concerned ({@code ""} for the payload as a whole)
 */
public record Rejection(RejectReason reason, String message, String field) {
  /** Checks no component is null. */
  public Rejection {
    if (reason == null || message == null || field == null) {
      throw new IllegalArgumentException("reason, message and field are required");
    }
  }

  @Override
  public String toString() {
    return reason + (field.isEmpty() ? "" : " [" + field + "]") + ": " + message;
  }
}
