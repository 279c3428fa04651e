package org.citygate.profiles.model;

/** What a device measures or controls; the simulator picks its behaviour model by kind. */
public enum DeviceKind {
  PARKING,
  SOLAR,
  METER,
  STREETLIGHT,
  MOBILITY;

  /** The profile-file spelling, e.g. {@code "streetlight"}. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
