package org.citygate.profiles.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.model.ValueType;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * Converts between wire values and canonical measurement values for one field: type, scale and
 * offset, range, allowed texts. Used by the validator (wire to canonical) and by every encoder
 * (canonical to wire), so the two directions cannot drift apart.
 */
public final class FieldValues {
  private FieldValues() {}

  /**
   * The canonical value of {@code wire} for {@code field}.
   *
   * @throws Reject with {@code WRONG_TYPE}, {@code OUT_OF_RANGE} as the value deserves
   */
  public static MeasurementValue toCanonical(FieldSpec field, WireValue wire) {
    String name = field.name();
    switch (field.type()) {
      case BOOLEAN:
        if (wire instanceof WireValue.Bool b) {
          return new MeasurementValue.Flag(b.value());
        }
        throw wrongType(field, wire);
      case TEXT:
        if (wire instanceof WireValue.Str s) {
          return text(field, s.value());
        }
        throw wrongType(field, wire);
      default:
        if (wire instanceof WireValue.Num n) {
          return number(field, n.value());
        }
        throw wrongType(field, wire);
    }
  }

  private static MeasurementValue number(FieldSpec field, BigDecimal raw) {
    if (field.type() == ValueType.INTEGER && raw.stripTrailingZeros().scale() > 0) {
      throw new Reject(
          RejectReason.WRONG_TYPE, field.name(), "want a whole number, got " + raw.toPlainString());
    }
    BigDecimal value = scaled(raw, field.scale(), field.offset());
    if (field.minimum().isPresent() && value.compareTo(field.minimum().get()) < 0) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE,
          field.name(),
          value.toPlainString()
              + unit(field)
              + " is below the minimum "
              + field.minimum().get().toPlainString()
              + unit(field));
    }
    if (field.maximum().isPresent() && value.compareTo(field.maximum().get()) > 0) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE,
          field.name(),
          value.toPlainString()
              + unit(field)
              + " is above the maximum "
              + field.maximum().get().toPlainString()
              + unit(field));
    }
    try {
      return MeasurementValue.Decimal.of(value);
    } catch (IllegalArgumentException e) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE,
          field.name(),
          value.toPlainString()
              + " does not fit a canonical decimal (18 digits): "
              + e.getMessage());
    }
  }

  /**
   * {@code raw × scale + offset}. Most fields have neither (scale {@code 1}, offset {@code 0}, the
   * defaults): the raw value is then returned as is, without two new decimals per value. It has the
   * same value, and the same plain text (the messages below), as the products would.
   */
  private static BigDecimal scaled(BigDecimal raw, BigDecimal scale, BigDecimal offset) {
    BigDecimal value = scale.equals(BigDecimal.ONE) ? raw : raw.multiply(scale);
    return offset.signum() == 0 && offset.scale() <= 0 ? value : value.add(offset);
  }

  private static MeasurementValue text(FieldSpec field, String text) {
    // UTF-8 takes at most 3 bytes per UTF-16 char, so short texts need no encoding to be measured
    int bytes =
        text.length() * 3 <= MeasurementValue.MAX_TEXT_BYTES
            ? 0
            : text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MeasurementValue.MAX_TEXT_BYTES) {
      throw new Reject(
          RejectReason.TOO_LARGE,
          field.name(),
          "text is " + bytes + " bytes, at most " + MeasurementValue.MAX_TEXT_BYTES);
    }
    if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(text)) {
      throw new Reject(
          RejectReason.OUT_OF_RANGE,
          field.name(),
          "'" + abbreviate(text) + "' is not one of " + field.allowedValues());
    }
    return new MeasurementValue.Text(Texts.wellFormed(text, field.name()));
  }

  /** The wire value of a canonical value, inverting scale and offset. */
  public static WireValue toWire(FieldSpec field, MeasurementValue value) {
    if (value instanceof MeasurementValue.Decimal d) {
      return new WireValue.Num(Numbers.toWire(d.toBigDecimal(), field.scale(), field.offset()));
    } else if (value instanceof MeasurementValue.Flag f) {
      return new WireValue.Bool(f.value());
    } else {
      return new WireValue.Str(((MeasurementValue.Text) value).value());
    }
  }

  private static Reject wrongType(FieldSpec field, WireValue wire) {
    String got =
        wire instanceof WireValue.Num
            ? "a number"
            : wire instanceof WireValue.Bool ? "a boolean" : "a text";
    return new Reject(
        RejectReason.WRONG_TYPE, field.name(), "want " + want(field.type()) + ", got " + got);
  }

  private static String want(ValueType type) {
    switch (type) {
      case BOOLEAN:
        return "a boolean";
      case TEXT:
        return "a text";
      case INTEGER:
        return "a whole number";
      default:
        return "a number";
    }
  }

  private static String unit(FieldSpec field) {
    return field.unit().isEmpty() ? "" : " " + field.unit();
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
