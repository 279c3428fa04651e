package org.citygate.profiles.model;

/**
 * The gateway's lane for a reading: faults and commands go ahead of bulk telemetry.
 *
 * <p>Declared in the order of precedence, most urgent first.
 */
public enum Priority {
  FAULT,
  COMMAND,
  TELEMETRY;

  /** The profile-file spelling, e.g. {@code "telemetry"}. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
