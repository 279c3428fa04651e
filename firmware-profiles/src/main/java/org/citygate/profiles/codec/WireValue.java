package org.citygate.profiles.codec;

import java.math.BigDecimal;

/**
 * A value as it came off the wire, before the profile's type, scale and range are applied: a number
 * (exact decimal, always finite), a boolean or a text.
 */
public sealed interface WireValue {
  /** A finite number. */
  record Num(BigDecimal value) implements WireValue {
    @Override
    public String toString() {
      return value.toPlainString();
    }
  }

  /** A boolean. */
  record Bool(boolean value) implements WireValue {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A text. */
  record Str(String value) implements WireValue {
    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }
}
