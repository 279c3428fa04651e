package org.citygate.profiles.load;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The UCUM unit codes a profile may use (case-sensitive form).
 *
 * <p>A closed list rather than a full UCUM parser: profiles are few and reviewed, and a typo such
 * as {@code "kwh"} for {@code "kWh"} must be caught. The list holds the SenML registry's units (RFC
 * 8428 §12.1) and the ones Citygate's device classes use. Curly-brace annotations such as {@code
 * {vehicle}} are dimensionless counts and always allowed. To add a unit, add its UCUM code here and
 * say why in the commit.
 */
public final class Ucum {
  private static final Set<String> KNOWN =
      Set.of(
          "",
          "1",
          "%",
          "/",
          "%RH",
          "%EL",
          // electrical
          "W",
          "kW",
          "MW",
          "Wh",
          "kWh",
          "MWh",
          "J",
          "kJ",
          "V",
          "mV",
          "A",
          "mA",
          "Ohm",
          "F",
          "H",
          "VA",
          "kVA",
          "var",
          "kvar",
          "VAh",
          "varh",
          "kvarh",
          "Hz",
          "C",
          "Ah",
          // physical
          "m",
          "mm",
          "cm",
          "km",
          "kg",
          "g",
          "s",
          "ms",
          "min",
          "h",
          "d",
          "K",
          "Cel",
          "Pa",
          "hPa",
          "bar",
          "lx",
          "lm",
          "cd",
          "rad",
          "deg",
          "sr",
          "m2",
          "m3",
          "l",
          "m/s",
          "km/h",
          "m/s2",
          "m3/s",
          "l/s",
          "W/m2",
          "dB",
          "dBW",
          "dBm",
          "ppm",
          "ppb",
          "Bq",
          "Gy",
          "Sv",
          "T",
          "Wb",
          "lat",
          "lon",
          "bit",
          "By",
          "bit/s",
          "1/s",
          "1/min",
          "1/h",
          "beat/min",
          "beats",
          "S/m",
          "mol",
          "mol/l",
          "ug/m3",
          "g/m3",
          "mg/m3",
          "kg/h");

  private static final Pattern ANNOTATION = Pattern.compile("\\{[!-z|~]{1,30}\\}");

  private Ucum() {}

  /** Whether {@code code} is a unit profiles may use. */
  public static boolean isKnown(String code) {
    return KNOWN.contains(code) || ANNOTATION.matcher(code).matches();
  }
}
