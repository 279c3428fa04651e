package org.citygate.profiles.codec.senml;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One record to write, as it appears on the wire (not resolved): base fields are optional.
 *
 * @param baseName {@code bn}, if written in this record
 * @param baseTime {@code bt}, if written in this record
 * @param name {@code n}
 * @param unit {@code u}, if any
 * @param value the value
 * @param time {@code t}, if any
 */
public record SenmlEntry(
    Optional<String> baseName,
    Optional<BigDecimal> baseTime,
    String name,
    Optional<String> unit,
    SenmlValue value,
    Optional<BigDecimal> time) {

  /** A plain record with a name and a value. */
  public static SenmlEntry of(String name, SenmlValue value) {
    return new SenmlEntry(
        Optional.empty(), Optional.empty(), name, Optional.empty(), value, Optional.empty());
  }

  /** This record with base name and base time. */
  public SenmlEntry withBase(Optional<String> baseName, Optional<BigDecimal> baseTime) {
    return new SenmlEntry(baseName, baseTime, name, unit, value, time);
  }

  /** This record with a unit. */
  public SenmlEntry withUnit(String unit) {
    return new SenmlEntry(baseName, baseTime, name, Optional.of(unit), value, time);
  }

  /** This record with a time. */
  public SenmlEntry withTime(BigDecimal time) {
    return new SenmlEntry(baseName, baseTime, name, unit, value, Optional.of(time));
  }
}
