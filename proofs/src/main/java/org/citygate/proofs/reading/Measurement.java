package org.citygate.proofs.reading;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One named value of a reading, with its UCUM unit ({@code ""} for none), e.g. {@code
 * ("energy_import", "Wh", 1234567)}.
 *
 * <p>Names are short machine names ({@code [a-z0-9][a-z0-9_.:-]*}, at most 64 bytes) so that they
 * sort and compare the same in every language. Units are UCUM case-sensitive codes, printable
 * ASCII, at most 32 bytes.
 */
public record Measurement(String name, String unit, MeasurementValue value) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
  private static final Pattern UNIT = Pattern.compile("[\\x21-\\x7e]{0,32}");

  /** Checks the name, unit and value. */
  public Measurement {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "measurement name '" + name + "' must match [a-z0-9][a-z0-9_.:-]* and be 1..64 bytes");
    }
    if (unit == null || !UNIT.matcher(unit).matches()) {
      throw new IllegalArgumentException(
          "measurement '" + name + "': unit '" + unit + "' must be printable ASCII, 0..32 bytes");
    }
    if (value == null) {
      throw new IllegalArgumentException("measurement '" + name + "' has no value");
    }
  }

  /** The name as UTF-8 bytes, the canonical sort key. */
  byte[] nameBytes() {
    return name.getBytes(StandardCharsets.UTF_8);
  }
}
