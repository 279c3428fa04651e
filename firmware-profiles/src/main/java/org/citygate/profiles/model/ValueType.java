package org.citygate.profiles.model;

/** The type of a field's value, before and after scaling. */
public enum ValueType {
  /** Any finite decimal number. */
  NUMBER,
  /** A number whose value on the wire (before scale and offset) is a whole number. */
  INTEGER,
  /** True or false, e.g. a bay's presence. */
  BOOLEAN,
  /** A short text, e.g. an inverter status or a lamp fault code. */
  TEXT;

  /** The profile-file spelling, e.g. {@code "number"}. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether values of this type are numbers. */
  public boolean isNumeric() {
    return this == NUMBER || this == INTEGER;
  }
}
