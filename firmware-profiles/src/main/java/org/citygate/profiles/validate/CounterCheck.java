package org.citygate.profiles.validate;

import java.math.BigDecimal;
import java.util.Optional;
import org.citygate.profiles.model.CounterSpec;

/**
 * The monotonic-counter check, pure: a counter may stay or rise; it may only fall by wrapping,
 * which is recognised when it has a wrap value and fell by more than half of it (a register at
 * 999,999.9 kWh reading 0.4 kWh next has wrapped; one reading 500,000 after 600,000 went
 * backwards).
 */
public final class CounterCheck {
  private CounterCheck() {}

  /** Whether {@code next} may follow {@code last} for a counter declared as {@code spec}. */
  public static boolean accepts(CounterSpec spec, Optional<BigDecimal> last, BigDecimal next) {
    if (last.isEmpty() || next.compareTo(last.get()) >= 0) {
      return true;
    }
    if (spec.wrap().isEmpty()) {
      return false;
    }
    BigDecimal drop = last.get().subtract(next);
    return drop.multiply(BigDecimal.valueOf(2)).compareTo(spec.wrap().get()) > 0;
  }
}
