package org.citygate.profiles.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A monotonic counter, e.g. an energy register: it never goes down, except by wrapping to zero when
 * it reaches {@code wrap} (the register's modulus, e.g. 10^9 for a 9-digit register).
 *
 * @param wrap the value at which the counter wraps to zero, if it does
 */
public record CounterSpec(Optional<BigDecimal> wrap) {
  /** Checks the wrap value is positive. */
  public CounterSpec {
    if (wrap == null) {
      throw new IllegalArgumentException("wrap must be Optional.empty(), not null");
    }
    wrap.ifPresent(
        w -> {
          if (w.signum() <= 0) {
            throw new IllegalArgumentException("counter wrap must be positive, got " + w);
          }
        });
  }

  /** A counter that never wraps. */
  public static CounterSpec monotonic() {
    return new CounterSpec(Optional.empty());
  }
}
