package org.citygate.profiles.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the profile files' durations: {@code 250ms}, {@code 30s}, {@code 5min}, {@code 1h}. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|min|h)");

  private Durations() {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} if it is not a duration. */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "duration '" + text + "', want a whole number and ms, s, min or h, e.g. 30s");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "min":
        return Duration.ofMinutes(n);
      default:
        return Duration.ofHours(n);
    }
  }
}
