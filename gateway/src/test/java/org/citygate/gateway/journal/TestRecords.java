package org.citygate.gateway.journal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Records, configurations and a settable clock for the journal's tests. */
final class TestRecords {
  private TestRecords() {}

  /** A record of {@code lane} whose payload is {@code text}. */
  static JournalRecord record(Lane lane, String text) {
    return new JournalRecord(
        lane, "dev-1", 1_700_000_000_000L, "test", text.getBytes(StandardCharsets.UTF_8));
  }

  /** A record whose payload is {@code text} padded with '.' to {@code payloadBytes}. */
  static JournalRecord sized(Lane lane, String text, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) '.');
    byte[] head = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, payload, 0, Math.min(head.length, payloadBytes));
    return new JournalRecord(lane, "dev-1", 1_700_000_000_000L, "test", payload);
  }

  /** The text at the start of a payload, up to the padding. */
  static String text(JournalEntry entry) {
    String s = new String(entry.record().payload(), StandardCharsets.UTF_8);
    int pad = s.indexOf('.');
    return pad < 0 ? s : s.substring(0, pad);
  }

  static List<String> texts(JournalBatch batch) {
    List<String> out = new ArrayList<>();
    for (JournalEntry e : batch.entries()) {
      out.add(text(e));
    }
    return out;
  }

  static long position(AppendOutcome outcome) {
    if (outcome instanceof AppendOutcome.Appended a) {
      return a.position();
    }
    throw new AssertionError("not appended: " + outcome);
  }

  static JournalConfig config(java.nio.file.Path dir, String... consumers) {
    return JournalConfig.defaults(dir, List.of(consumers));
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private final AtomicLong millis;

    MutableClock(long startMillis) {
      this.millis = new AtomicLong(startMillis);
    }

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
