package org.citygate.profiles.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One value a device reports, and what makes it valid.
 *
 * <p>A raw value from the wire becomes the canonical value {@code raw × scale + offset}, in the
 * field's UCUM {@code unit}; {@code minimum} and {@code maximum} apply to the canonical value.
 *
 * @param name the measurement name in canonical readings ({@code [a-z0-9][a-z0-9_.:-]*})
 * @param senmlName the record name in SenML payloads (without the base name)
 * @param ipso the IPSO object and resource, where one exists
 * @param type the value type
 * @param unit the UCUM unit of the canonical value, {@code ""} for none
 * @param scale multiplier applied to the raw value
 * @param offset added after scaling
 * @param minimum smallest valid canonical value (numbers only)
 * @param maximum largest valid canonical value (numbers only)
 * @param required whether every reading must carry this field
 * @param counter present when the field is a monotonic counter
 * @param allowedValues for text fields, the only values allowed (empty: any)
 * @param priority the lane for readings in which this field signals something (see {@link
 *     org.citygate.profiles.validate.Priorities})
 * @param description free text for people
 */
public record FieldSpec(
    String name,
    String senmlName,
    Optional<IpsoRef> ipso,
    ValueType type,
    String unit,
    BigDecimal scale,
    BigDecimal offset,
    Optional<BigDecimal> minimum,
    Optional<BigDecimal> maximum,
    boolean required,
    Optional<CounterSpec> counter,
    List<String> allowedValues,
    Optional<Priority> priority,
    String description) {

  /** Checks the invariants the loader also reports with file and line. */
  public FieldSpec {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("field name is missing");
    }
    if (scale == null || scale.signum() == 0) {
      throw new IllegalArgumentException("field '" + name + "': scale must be non-zero");
    }
    allowedValues = List.copyOf(allowedValues);
    if (minimum.isPresent() && maximum.isPresent() && minimum.get().compareTo(maximum.get()) > 0) {
      throw new IllegalArgumentException(
          "field '" + name + "': minimum " + minimum.get() + " is above maximum " + maximum.get());
    }
  }

  /** Whether this field is a monotonic counter. */
  public boolean isCounter() {
    return counter.isPresent();
  }
}
