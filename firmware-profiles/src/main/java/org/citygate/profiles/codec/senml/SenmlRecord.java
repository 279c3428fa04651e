package org.citygate.profiles.codec.senml;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A resolved SenML record (RFC 8428 §4.6): base name, base unit, base value, base sum and base time
 * already applied, so each record stands on its own.
 *
 * @param name the full name, base name + name
 * @param unit the unit ({@code ""} if none)
 * @param value the value, if the record has one
 * @param sum the sum, if the record has one
 * @param time base time + time, in seconds; below 2^28 it is relative to "now" (§4.5.3)
 * @param updateTime the update time, if given
 */
public record SenmlRecord(
    String name,
    String unit,
    Optional<SenmlValue> value,
    Optional<BigDecimal> sum,
    BigDecimal time,
    Optional<BigDecimal> updateTime) {

  /** Times below this many seconds are relative to the current time (RFC 8428 §4.5.3). */
  public static final BigDecimal RELATIVE_TIME_LIMIT = BigDecimal.valueOf(1L << 28);

  /** Whether {@link #time} is relative to now rather than since the Unix epoch. */
  public boolean isRelativeTime() {
    return time.compareTo(RELATIVE_TIME_LIMIT) < 0;
  }

  /** Compares times numerically, so {@code 1.0} equals {@code 1}. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SenmlRecord r
        && name.equals(r.name)
        && unit.equals(r.unit)
        && value.equals(r.value)
        && sum.map(BigDecimal::stripTrailingZeros).equals(r.sum.map(BigDecimal::stripTrailingZeros))
        && time.compareTo(r.time) == 0
        && updateTime
            .map(BigDecimal::stripTrailingZeros)
            .equals(r.updateTime.map(BigDecimal::stripTrailingZeros));
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + time.stripTrailingZeros().hashCode();
  }
}
