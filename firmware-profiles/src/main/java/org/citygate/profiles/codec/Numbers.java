package org.citygate.profiles.codec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.citygate.profiles.RejectReason;

/**
 * Number handling shared by the decoders: bounds that keep decimal arithmetic cheap whatever a
 * payload says, and exact conversions from floating point.
 */
public final class Numbers {
  /** Most significant digits a wire number may have. */
  public static final int MAX_DIGITS = 34;

  /** Largest decimal exponent (either sign) a wire number may have. */
  public static final int MAX_SCALE = 40;

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private Numbers() {}

  /**
   * Checks {@code value} is small enough to compute with: at most {@value #MAX_DIGITS} digits and
   * an exponent within ±{@value #MAX_SCALE} (so {@code 1e999999999} is rejected before anything
   * adds to it).
   */
  public static BigDecimal bounded(BigDecimal value, String field) {
    if (value.precision() > MAX_DIGITS
        || value.scale() > MAX_SCALE
        || value.scale() < -MAX_SCALE
        || value.precision() - value.scale() > MAX_SCALE) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE,
          field,
          "number with "
              + value.precision()
              + " digits and exponent "
              + (-value.scale())
              + " is too large or too precise (at most "
              + MAX_DIGITS
              + " digits, |exponent| <= "
              + MAX_SCALE
              + ")");
    }
    return value;
  }

  /** An exact decimal for a finite double, by its shortest round-tripping text. */
  public static BigDecimal ofDouble(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new Reject(
          RejectReason.NOT_FINITE, field, "number is " + value + ", want a finite number");
    }
    return bounded(BigDecimal.valueOf(value), field);
  }

  /** An exact decimal for a finite float, by its shortest round-tripping text. */
  public static BigDecimal ofFloat(float value, String field) {
    if (!Float.isFinite(value)) {
      throw new Reject(
          RejectReason.NOT_FINITE, field, "number is " + value + ", want a finite number");
    }
    return bounded(new BigDecimal(Float.toString(value)), field);
  }

  /** Seconds (possibly fractional) to whole milliseconds, rounding half-even. */
  public static long secondsToMillis(BigDecimal seconds, String field) {
    BigDecimal millis = seconds.multiply(THOUSAND).setScale(0, RoundingMode.HALF_EVEN);
    try {
      return millis.longValueExact();
    } catch (ArithmeticException e) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE,
          field,
          "time " + seconds.toPlainString() + " s is out of range");
    }
  }

  /** Whole milliseconds to exact seconds. */
  public static BigDecimal millisToSeconds(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros();
  }

  /** A non-negative whole number that fits a long, e.g. a sequence number. */
  public static long nonNegativeLong(BigDecimal value, String field) {
    if (value.scale() == 0 && value.signum() >= 0 && value.precision() <= 18) {
      return value.longValue(); // the usual case: a whole number of at most 18 digits
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > 0) {
      throw new Reject(
          RejectReason.WRONG_TYPE, field, "want a whole number, got " + value.toPlainString());
    }
    if (value.signum() < 0 || stripped.precision() - stripped.scale() > 19) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE,
          field,
          value.toPlainString() + " is outside 0.." + Long.MAX_VALUE);
    }
    try {
      return stripped.longValueExact();
    } catch (ArithmeticException e) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE,
          field,
          value.toPlainString() + " is outside 0.." + Long.MAX_VALUE);
    }
  }

  /**
   * The value sent on the wire for a canonical value: {@code (value - offset) / scale}. Exact when
   * possible; otherwise to 16 significant digits.
   */
  public static BigDecimal toWire(BigDecimal canonical, BigDecimal scale, BigDecimal offset) {
    BigDecimal shifted = canonical.subtract(offset);
    try {
      return shifted.divide(scale);
    } catch (ArithmeticException e) {
      return shifted.divide(scale, java.math.MathContext.DECIMAL64);
    }
  }
}
