package org.citygate.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class JournalConfigTest {
  private static final JournalConfig DEFAULTS =
      JournalConfig.defaults(Path.of("journal"), List.of("influx", "batcher"));

  @Test
  void defaults() {
    assertEquals(2L << 30, DEFAULTS.maxBytes());
    assertEquals(Duration.ofDays(7), DEFAULTS.maxAge());
    for (Lane lane : Lane.values()) {
      assertEquals(OverflowPolicy.REJECT_NEW, DEFAULTS.overflow(lane));
    }
    assertEquals(8L << 20, DEFAULTS.maxQueuedBytes());
    assertEquals(10_000, DEFAULTS.maxCommitRecords());
    assertEquals(List.of("influx", "batcher"), DEFAULTS.consumers());
  }

  @Test
  void withersChangeOneValue() {
    JournalConfig c =
        DEFAULTS
            .withMaxBytes(1L << 20)
            .withMaxAge(Duration.ofHours(1))
            .withOverflow(Lane.TELEMETRY, OverflowPolicy.DROP_OLDEST)
            .withConsumers(List.of("uplink"))
            .withMaxQueuedBytes(4L << 20)
            .withMaxCommitRecords(7);
    assertEquals(1L << 20, c.maxBytes());
    assertEquals(Duration.ofHours(1), c.maxAge());
    assertEquals(OverflowPolicy.DROP_OLDEST, c.overflow(Lane.TELEMETRY));
    assertEquals(OverflowPolicy.REJECT_NEW, c.overflow(Lane.FAULT));
    assertEquals(List.of("uplink"), c.consumers());
    assertEquals(4L << 20, c.maxQueuedBytes());
    assertEquals(7, c.maxCommitRecords());
  }

  @Test
  void everyBadValueIsNamedByItsKey() {
    assertMessage(
        "journal.maxBytes must be at least 1 MiB (1048576 bytes), got 1000",
        () -> DEFAULTS.withMaxBytes(1000));
    assertMessage(
        "journal.maxBytes must be at most 1 TiB (1099511627776 bytes), got 1099511627777",
        () -> DEFAULTS.withMaxBytes((1L << 40) + 1));
    assertMessage(
        "journal.maxAge must be between 1 minute and 3650 days, got PT59S",
        () -> DEFAULTS.withMaxAge(Duration.ofSeconds(59)));
    assertMessage(
        "journal.overflow.telemetry is missing: want REJECT_NEW or DROP_OLDEST",
        () -> DEFAULTS.withOverflow(Lane.TELEMETRY, null));
    assertMessage(
        "journal.consumers must name at least one consumer, e.g. [influx, batcher]",
        () -> DEFAULTS.withConsumers(List.of()));
    assertMessage(
        "journal.consumers[1] 'Influx' must be 1 to 32 characters of a-z, 0-9, '_' or '-',"
            + " starting with a letter",
        () -> DEFAULTS.withConsumers(List.of("batcher", "Influx")));
    assertMessage(
        "journal.consumers[2] 'a' appears twice",
        () -> DEFAULTS.withConsumers(List.of("a", "b", "a")));
    assertMessage(
        "journal.consumers[0] 'null' must be 1 to 32 characters of a-z, 0-9, '_' or '-',"
            + " starting with a letter",
        () -> DEFAULTS.withConsumers(Arrays.asList((String) null)));
    assertMessage(
        "journal.maxQueuedBytes must be at least 2 MiB (2097152 bytes), got 1048576",
        () -> DEFAULTS.withMaxQueuedBytes(1 << 20));
    assertMessage(
        "journal.maxCommitRecords must be at least 1, got 0",
        () -> DEFAULTS.withMaxCommitRecords(0));
    assertMessage(
        "journal.directory is missing", () -> JournalConfig.defaults(null, List.of("influx")));
  }

  private static void assertMessage(String want, Supplier<JournalConfig> build) {
    assertEquals(want, assertThrows(IllegalArgumentException.class, build::get).getMessage());
  }
}
