package org.citygate.profiles.model;

import java.time.Duration;

/**
 * A device wired to one of the gateway's GPIO pins.
 *
 * <p>The gateway's GPIO adapter debounces the pin, applies the active level and hands the logical
 * state to the profile's codec as a sample (see {@code docs/firmware-profiles.md}).
 *
 * @param pin the BCM pin number
 * @param direction input (a sensor) or output (a relay or dimmer)
 * @param pull the pull resistor on an input
 * @param debounce how long an input must be stable before a change counts
 * @param activeLevel the electrical level that means "on" / "occupied"
 * @param field the profile field the pin's logical state is reported as (or driven from)
 */
public record GpioBinding(
    int pin, Direction direction, Pull pull, Duration debounce, Level activeLevel, String field) {

  /** Pin direction. */
  public enum Direction {
    INPUT,
    OUTPUT
  }

  /** Pull resistor. */
  public enum Pull {
    UP,
    DOWN,
    NONE
  }

  /** Electrical level. */
  public enum Level {
    HIGH,
    LOW
  }

  /** Checks the pin number and debounce. */
  public GpioBinding {
    if (pin < 0 || pin > 63) {
      throw new IllegalArgumentException("GPIO pin " + pin + " outside 0..63");
    }
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("GPIO debounce must not be negative: " + debounce);
    }
  }

  /** The logical state for an electrical level read from the pin. */
  public boolean isActive(boolean levelHigh) {
    return levelHigh == (activeLevel == Level.HIGH);
  }
}
