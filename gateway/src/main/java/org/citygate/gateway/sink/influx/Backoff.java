package org.citygate.gateway.sink.influx;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, capped: the n-th consecutive failure waits {@code min(max,
 * initial × multiplier^(n−1))}, less a random share of up to {@code jitter} of it, so that many
 * gateways that lost the same database do not all come back in the same instant.
 *
 * @param initial the wait after the first failure (before jitter)
 * @param max the longest wait
 * @param multiplier growth per failure, at least 1
 * @param jitter the largest share taken off at random, 0 (none) to 1 (anything down to zero)
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {
  /** 100 ms doubling up to 30 s, up to half of it taken off at random. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), 2.0, 0.5);

  /** Checks the bounds. */
  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff " + initial + " must be positive");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max backoff " + max + " is below initial " + initial);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("backoff multiplier " + multiplier + " must be >= 1");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("backoff jitter " + jitter + " must be within 0..1");
    }
  }

  /**
   * The wait before retrying after {@code failures} consecutive failures.
   *
   * @param failures 1 for the first failure
   * @param random a source of numbers in [0, 1), e.g. {@code
   *     ThreadLocalRandom.current()::nextDouble}
   */
  public Duration delay(int failures, DoubleSupplier random) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures " + failures + " must be at least 1");
    }
    double maxNanos = max.toNanos();
    double base = Math.min(maxNanos, initial.toNanos() * Math.pow(multiplier, failures - 1.0));
    double r = random.getAsDouble();
    if (!(r >= 0.0 && r < 1.0)) {
      throw new IllegalArgumentException("random number " + r + " outside [0, 1)");
    }
    return Duration.ofNanos((long) (base * (1.0 - jitter * r)));
  }
}
