package org.citygate.gateway.sink.influx;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces the drain of a backlog to a number of records per second, so that a database coming back
 * from an outage is not flooded by every gateway's backlog at once, and live readings still get
 * through.
 *
 * <p>{@link #reserve(int)} books records and answers how long to wait before sending them. Each
 * booking moves the earliest next start by {@code records / rate}; idle time builds up credit for
 * at most {@code burst} (default none), so the long-run rate never exceeds the target.
 *
 * <p>Not thread-safe: one sink loop owns it. The clock is injected ({@code System::nanoTime} in
 * production) so tests need no sleeping.
 */
public final class DrainPacer {
  private final double nanosPerRecord;
  private final long burstNanos;
  private final LongSupplier nanoClock;
  private long nextFree;

  /**
   * A pacer for {@code recordsPerSecond} that lets up to {@code burst} of idle credit be spent at
   * once.
   */
  public DrainPacer(double recordsPerSecond, Duration burst, LongSupplier nanoClock) {
    if (!(recordsPerSecond > 0) || Double.isInfinite(recordsPerSecond)) {
      throw new IllegalArgumentException("drain rate " + recordsPerSecond + "/s must be positive");
    }
    if (burst.isNegative()) {
      throw new IllegalArgumentException("burst " + burst + " is negative");
    }
    this.nanosPerRecord = 1e9 / recordsPerSecond;
    this.burstNanos = burst.toNanos();
    this.nanoClock = nanoClock;
    this.nextFree = nanoClock.getAsLong();
  }

  /** A strict pacer (no burst) on {@link System#nanoTime()}. */
  public static DrainPacer perSecond(double recordsPerSecond) {
    return new DrainPacer(recordsPerSecond, Duration.ZERO, System::nanoTime);
  }

  /**
   * Books {@code records} and returns how long to wait before sending them (zero when they may go
   * now).
   */
  public Duration reserve(int records) {
    if (records < 0) {
      throw new IllegalArgumentException("records " + records + " is negative");
    }
    long now = nanoClock.getAsLong();
    long start = Math.max(nextFree, now - burstNanos);
    nextFree = start + (long) Math.ceil(records * nanosPerRecord);
    return Duration.ofNanos(Math.max(0, start - now));
  }
}
