package org.citygate.profiles.model;

/**
 * Bounds on one payload, enforced before and while parsing so that no payload can make a decoder
 * spend unbounded memory or time.
 *
 * @param maxPayloadBytes largest payload accepted
 * @param maxRecords most SenML records (or readings) in one payload
 * @param maxDepth deepest nesting of arrays and objects
 */
public record Limits(int maxPayloadBytes, int maxRecords, int maxDepth) {
  /** Defaults that fit every built-in profile with room to spare. */
  public static final Limits DEFAULT = new Limits(4096, 64, 8);

  /** Checks every bound is positive. */
  public Limits {
    if (maxPayloadBytes < 1 || maxRecords < 1 || maxDepth < 1) {
      throw new IllegalArgumentException(
          "limits must be positive: " + maxPayloadBytes + ", " + maxRecords + ", " + maxDepth);
    }
  }
}
