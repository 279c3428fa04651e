package org.citygate.gateway.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.5);

  @Test
  void growsExponentiallyWithoutJitter() {
    assertEquals(Duration.ofMillis(100), backoff.delay(1, () -> 0.0));
    assertEquals(Duration.ofMillis(200), backoff.delay(2, () -> 0.0));
    assertEquals(Duration.ofMillis(800), backoff.delay(4, () -> 0.0));
  }

  @Test
  void isCappedEvenAfterManyFailures() {
    assertEquals(Duration.ofSeconds(10), backoff.delay(8, () -> 0.0));
    assertEquals(Duration.ofSeconds(10), backoff.delay(Integer.MAX_VALUE, () -> 0.0));
  }

  @Test
  void jitterTakesOffAtMostItsShare() {
    assertEquals(Duration.ofMillis(175), backoff.delay(2, () -> 0.25)); // 200 ms less 12.5 %
    Random random = new Random(1);
    for (int failures = 1; failures < 40; failures++) {
      Duration d = backoff.delay(failures, random::nextDouble);
      Duration base = backoff.delay(failures, () -> 0.0);
      assertTrue(d.compareTo(base) <= 0 && d.compareTo(base.dividedBy(2)) >= 0, d + " vs " + base);
    }
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> backoff.delay(0, () -> 0.0));
    assertThrows(IllegalArgumentException.class, () -> backoff.delay(1, () -> 1.0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5));
  }

  @Test
  void defaultIsSane() {
    assertEquals(Duration.ofSeconds(30), Backoff.DEFAULT.delay(100, () -> 0.0));
  }
}
