package org.citygate.proofs.reading;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The value of one measurement in a canonical reading: a decimal number, a flag or a short text.
 *
 * <p>Numbers are exact decimals (mantissa × 10^exponent), never binary floating point, so that a
 * value hashes the same in every language and a meter register never picks up rounding.
 */
public sealed interface MeasurementValue {
  /** Type tag written in the canonical bytes. */
  int typeTag();

  /** Largest UTF-8 length of a text value. */
  int MAX_TEXT_BYTES = 256;

  /**
   * An exact decimal {@code mantissa × 10^exponent}, normalised: the mantissa has no trailing zero
   * digit, and zero is {@code (0, 0)}. The mantissa fits a signed 64-bit integer and the exponent a
   * signed 8-bit integer.
   */
  record Decimal(long mantissa, int exponent) implements MeasurementValue {
    /** Checks the normal form, so that one number has one encoding. */
    public Decimal {
      if (exponent < Byte.MIN_VALUE || exponent > Byte.MAX_VALUE) {
        throw new IllegalArgumentException("decimal exponent " + exponent + " outside -128..127");
      }
      if (mantissa == 0 && exponent != 0) {
        throw new IllegalArgumentException("zero must be written with exponent 0");
      }
      if (mantissa != 0 && mantissa % 10 == 0) {
        throw new IllegalArgumentException(
            "decimal " + mantissa + "e" + exponent + " is not normalised (trailing zero)");
      }
    }

    /**
     * The normal form of {@code value}.
     *
     * @throws IllegalArgumentException if the value needs more than 63 bits of mantissa or an
     *     exponent outside -128..127
     */
    public static Decimal of(BigDecimal value) {
      if (value.precision() > 40 || Math.abs((long) value.scale()) > 400) {
        throw new IllegalArgumentException("decimal " + value + " is out of range");
      }
      if (value.signum() == 0) {
        return new Decimal(0, 0);
      }
      BigDecimal stripped = value.stripTrailingZeros();
      BigInteger unscaled = stripped.unscaledValue();
      if (unscaled.bitLength() > 63) {
        throw new IllegalArgumentException("decimal " + value + " has more than 18 digits");
      }
      return new Decimal(unscaled.longValue(), -stripped.scale());
    }

    /** Longest decimal literal {@link #parse} reads; longer ones are refused before parsing. */
    public static final int MAX_LITERAL_LENGTH = 64;

    /**
     * Parses a decimal literal such as {@code "23.5"} or {@code "-1E+3"}, at most {@link
     * #MAX_LITERAL_LENGTH} characters (parsing and normalising is quadratic in the digits).
     */
    public static Decimal parse(String literal) {
      if (literal.length() > MAX_LITERAL_LENGTH) {
        throw new IllegalArgumentException(
            "decimal literal of "
                + literal.length()
                + " characters, at most "
                + MAX_LITERAL_LENGTH);
      }
      try {
        return of(new BigDecimal(literal));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a decimal number: '" + literal + "'", e);
      }
    }

    /** The value as a {@link BigDecimal}. */
    public BigDecimal toBigDecimal() {
      return BigDecimal.valueOf(mantissa, -exponent);
    }

    @Override
    public int typeTag() {
      return 0x01;
    }

    /** Plain notation ({@code 1200}, {@code 0.0035}) unless that is long, then scientific. */
    @Override
    public String toString() {
      String plain = toBigDecimal().toPlainString();
      return plain.length() <= 24 ? plain : toBigDecimal().toString();
    }
  }

  /** A boolean, e.g. a parking bay's presence. */
  record Flag(boolean value) implements MeasurementValue {
    @Override
    public int typeTag() {
      return 0x02;
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A short UTF-8 text, e.g. a lamp fault code or an inverter status. */
  record Text(String value) implements MeasurementValue {
    /** Checks the length in UTF-8 bytes. */
    public Text {
      if (value == null) {
        throw new IllegalArgumentException("text value is missing");
      }
      int length = Utf8.encode("text value", value).length;
      if (length > MAX_TEXT_BYTES) {
        throw new IllegalArgumentException(
            "text value is " + length + " bytes, at most " + MAX_TEXT_BYTES);
      }
    }

    @Override
    public int typeTag() {
      return 0x03;
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
