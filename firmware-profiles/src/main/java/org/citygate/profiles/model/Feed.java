package org.citygate.profiles.model;

/**
 * Downstream uses that need a reading in full (not only its hash) at the anchor-service: energy
 * settlement and data-sharing rewards.
 */
public enum Feed {
  SETTLEMENT,
  REWARDS;

  /** The profile-file spelling, e.g. {@code "settlement"}. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
