package org.citygate.gateway.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DrainPacerTest {
  private long now = 1_000_000_000L;

  @Test
  void pacesBatchesToTheRate() {
    DrainPacer pacer = new DrainPacer(1000, Duration.ZERO, () -> now); // 1 ms per record
    assertEquals(Duration.ZERO, pacer.reserve(100)); // the first batch goes now
    assertEquals(Duration.ofMillis(100), pacer.reserve(100)); // then after 100 ms
    now += 100_000_000L; // the caller waited
    assertEquals(Duration.ofMillis(100), pacer.reserve(50));
    now += 100_000_000L;
    assertEquals(Duration.ofMillis(50), pacer.reserve(1));
  }

  @Test
  void idleTimeBuildsNoCreditWithoutBurst() {
    DrainPacer pacer = new DrainPacer(1000, Duration.ZERO, () -> now);
    now += 5_000_000_000L; // idle for 5 s
    assertEquals(Duration.ZERO, pacer.reserve(100));
    assertEquals(Duration.ofMillis(100), pacer.reserve(100));
  }

  @Test
  void burstCreditIsBounded() {
    DrainPacer pacer = new DrainPacer(1000, Duration.ofMillis(200), () -> now);
    now += 5_000_000_000L;
    assertEquals(Duration.ZERO, pacer.reserve(150)); // 150 ms of the 200 ms credit
    assertEquals(Duration.ZERO, pacer.reserve(50)); // the rest
    assertEquals(Duration.ZERO, pacer.reserve(10)); // ... starts exactly now
    assertEquals(Duration.ofMillis(10), pacer.reserve(10));
  }

  @Test
  void longRunRateHoldsOverManyBatches() {
    DrainPacer pacer = new DrainPacer(250, Duration.ZERO, () -> now);
    long start = now;
    for (int i = 0; i < 100; i++) {
      now += pacer.reserve(25).toNanos();
    }
    // 2,500 records at 250/s: the 100th batch starts after 99 batches of 0.1 s
    assertEquals(9_900_000_000L, now - start);
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> DrainPacer.perSecond(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DrainPacer(1, Duration.ofSeconds(-1), System::nanoTime));
    assertThrows(IllegalArgumentException.class, () -> DrainPacer.perSecond(1).reserve(-1));
  }
}
