package org.citygate.gateway.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The journal's configuration, the {@code journal} section of the gateway's YAML file.
 *
 * <p>Every value is checked when the record is built, and a bad one fails with a message that names
 * its key, e.g. {@code journal.maxBytes must be at least 1 MiB (1048576 bytes), got 1000}. Start
 * from {@link #defaults(Path, List)} and change what you need with the {@code with} methods.
 * Opening an existing journal with a different configuration keeps every record in it; the new
 * bounds and policies apply from then on (a lower {@code maxBytes} only refuses or drops new
 * arrivals, it never trims on open).
 *
 * @param directory where the journal's files live ({@code journal.directory}); created if missing
 * @param maxBytes bound on the records' {@linkplain JournalRecord#size() logical size} ({@code
 *     journal.maxBytes}); the files take about 1.1 to 1.3 times as much (docs/journal.md); default
 *     {@value #DEFAULT_MAX_BYTES}
 * @param maxAge records older than this are dropped, whatever their lane ({@code journal.maxAge});
 *     default 7 days
 * @param faultOverflow {@code journal.overflow.fault}, default {@link OverflowPolicy#REJECT_NEW}
 * @param commandOverflow {@code journal.overflow.command}, default {@link
 *     OverflowPolicy#REJECT_NEW}
 * @param telemetryOverflow {@code journal.overflow.telemetry}, default {@link
 *     OverflowPolicy#REJECT_NEW}
 * @param consumers the names of the consumers that must each acknowledge a record before it is
 *     deleted ({@code journal.consumers}), e.g. {@code influx}, {@code batcher}
 * @param maxQueuedBytes bound on the records waiting for, or in, a commit ({@code
 *     journal.maxQueuedBytes}); beyond it appends are refused as {@link RefusalReason#OVERLOADED};
 *     default {@value #DEFAULT_MAX_QUEUED_BYTES}
 * @param maxCommitRecords most records in one commit ({@code journal.maxCommitRecords}); default
 *     {@value #DEFAULT_MAX_COMMIT_RECORDS}
 * @param minFreeBytes appends that would leave less free space than this on the journal's file
 *     system are refused as {@link RefusalReason#DISK_FULL} ({@code journal.minFreeBytes}), unless
 *     they fit in space the journal's file already has free; so acknowledgements, which free space
 *     but need some to commit, always go through; 0 turns the guard off, otherwise at least 16 MiB;
 *     default {@value #DEFAULT_MIN_FREE_BYTES}
 */
public record JournalConfig(
    Path directory,
    long maxBytes,
    Duration maxAge,
    OverflowPolicy faultOverflow,
    OverflowPolicy commandOverflow,
    OverflowPolicy telemetryOverflow,
    List<String> consumers,
    long maxQueuedBytes,
    int maxCommitRecords,
    long minFreeBytes) {

  /** Default {@code journal.maxBytes}: 2 GiB, about 8 million 200-byte readings. */
  public static final long DEFAULT_MAX_BYTES = 2L << 30;

  /** Smallest {@code journal.maxBytes}: 1 MiB. */
  public static final long MIN_MAX_BYTES = 1L << 20;

  /** Default {@code journal.maxAge}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

  /** Default {@code journal.maxQueuedBytes}: 8 MiB. */
  public static final long DEFAULT_MAX_QUEUED_BYTES = 8L << 20;

  /** Default {@code journal.maxCommitRecords}. */
  public static final int DEFAULT_MAX_COMMIT_RECORDS = 10_000;

  /** Smallest {@code journal.minFreeBytes} other than 0: 16 MiB. */
  public static final long MIN_MIN_FREE_BYTES = 16L << 20;

  /** Default {@code journal.minFreeBytes}: 64 MiB. */
  public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;

  private static final Pattern CONSUMER_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  /** Checks every value; see the class comment for the messages. */
  public JournalConfig {
    if (directory == null) {
      throw new IllegalArgumentException("journal.directory is missing");
    }
    checkRange("journal.maxBytes", maxBytes, MIN_MAX_BYTES, 1L << 40, "1 MiB", "1 TiB");
    if (maxAge == null) {
      throw new IllegalArgumentException("journal.maxAge is missing");
    }
    if (maxAge.compareTo(Duration.ofMinutes(1)) < 0
        || maxAge.compareTo(Duration.ofDays(3650)) > 0) {
      throw new IllegalArgumentException(
          "journal.maxAge must be between 1 minute and 3650 days, got " + maxAge);
    }
    checkPolicy("journal.overflow.fault", faultOverflow);
    checkPolicy("journal.overflow.command", commandOverflow);
    checkPolicy("journal.overflow.telemetry", telemetryOverflow);
    consumers = checkConsumers(consumers);
    checkRange(
        "journal.maxQueuedBytes",
        maxQueuedBytes,
        2L * JournalRecord.MAX_PAYLOAD_BYTES,
        1L << 30,
        "2 MiB",
        "1 GiB");
    checkRange("journal.maxCommitRecords", maxCommitRecords, 1, 1_000_000, "1", "1000000");
    if (minFreeBytes != 0 && minFreeBytes < MIN_MIN_FREE_BYTES) {
      throw new IllegalArgumentException(
          "journal.minFreeBytes must be 0 (no guard) or at least 16 MiB ("
              + MIN_MIN_FREE_BYTES
              + " bytes), room for SQLite's write-ahead log, got "
              + minFreeBytes);
    }
    checkRange("journal.minFreeBytes", minFreeBytes, 0, 1L << 40, "0", "1 TiB");
  }

  /** The defaults, for a journal in {@code directory} read by {@code consumers}. */
  public static JournalConfig defaults(Path directory, List<String> consumers) {
    return new JournalConfig(
        directory,
        DEFAULT_MAX_BYTES,
        DEFAULT_MAX_AGE,
        OverflowPolicy.REJECT_NEW,
        OverflowPolicy.REJECT_NEW,
        OverflowPolicy.REJECT_NEW,
        consumers,
        DEFAULT_MAX_QUEUED_BYTES,
        DEFAULT_MAX_COMMIT_RECORDS,
        DEFAULT_MIN_FREE_BYTES);
  }

  /** The policy of {@code lane}. */
  public OverflowPolicy overflow(Lane lane) {
    return switch (lane) {
      case FAULT -> faultOverflow;
      case COMMAND -> commandOverflow;
      case TELEMETRY -> telemetryOverflow;
    };
  }

  /** This configuration with another {@code journal.maxBytes}. */
  public JournalConfig withMaxBytes(long value) {
    return new JournalConfig(
        directory,
        value,
        maxAge,
        faultOverflow,
        commandOverflow,
        telemetryOverflow,
        consumers,
        maxQueuedBytes,
        maxCommitRecords,
        minFreeBytes);
  }

  /** This configuration with another {@code journal.maxAge}. */
  public JournalConfig withMaxAge(Duration value) {
    return new JournalConfig(
        directory,
        maxBytes,
        value,
        faultOverflow,
        commandOverflow,
        telemetryOverflow,
        consumers,
        maxQueuedBytes,
        maxCommitRecords,
        minFreeBytes);
  }

  /** This configuration with {@code lane}'s policy set to {@code policy}. */
  public JournalConfig withOverflow(Lane lane, OverflowPolicy policy) {
    return new JournalConfig(
        directory,
        maxBytes,
        maxAge,
        lane == Lane.FAULT ? policy : faultOverflow,
        lane == Lane.COMMAND ? policy : commandOverflow,
        lane == Lane.TELEMETRY ? policy : telemetryOverflow,
        consumers,
        maxQueuedBytes,
        maxCommitRecords,
        minFreeBytes);
  }

  /** This configuration with other {@code journal.consumers}. */
  public JournalConfig withConsumers(List<String> value) {
    return new JournalConfig(
        directory,
        maxBytes,
        maxAge,
        faultOverflow,
        commandOverflow,
        telemetryOverflow,
        value,
        maxQueuedBytes,
        maxCommitRecords,
        minFreeBytes);
  }

  /** This configuration with another {@code journal.maxQueuedBytes}. */
  public JournalConfig withMaxQueuedBytes(long value) {
    return new JournalConfig(
        directory,
        maxBytes,
        maxAge,
        faultOverflow,
        commandOverflow,
        telemetryOverflow,
        consumers,
        value,
        maxCommitRecords,
        minFreeBytes);
  }

  /** This configuration with another {@code journal.maxCommitRecords}. */
  public JournalConfig withMaxCommitRecords(int value) {
    return new JournalConfig(
        directory,
        maxBytes,
        maxAge,
        faultOverflow,
        commandOverflow,
        telemetryOverflow,
        consumers,
        maxQueuedBytes,
        value,
        minFreeBytes);
  }

  /** This configuration with another {@code journal.minFreeBytes}. */
  public JournalConfig withMinFreeBytes(long value) {
    return new JournalConfig(
        directory,
        maxBytes,
        maxAge,
        faultOverflow,
        commandOverflow,
        telemetryOverflow,
        consumers,
        maxQueuedBytes,
        maxCommitRecords,
        value);
  }

  private static void checkRange(
      String key, long value, long min, long max, String minText, String maxText) {
    if (value < min) {
      throw new IllegalArgumentException(
          key + " must be at least " + minText + suffix(min, minText) + ", got " + value);
    }
    if (value > max) {
      throw new IllegalArgumentException(
          key + " must be at most " + maxText + suffix(max, maxText) + ", got " + value);
    }
  }

  private static String suffix(long limit, String text) {
    return text.equals(Long.toString(limit)) ? "" : " (" + limit + " bytes)";
  }

  private static void checkPolicy(String key, OverflowPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException(key + " is missing: want REJECT_NEW or DROP_OLDEST");
    }
  }

  private static List<String> checkConsumers(List<String> consumers) {
    if (consumers == null || consumers.isEmpty()) {
      throw new IllegalArgumentException(
          "journal.consumers must name at least one consumer, e.g. [influx, batcher]");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < consumers.size(); i++) {
      String name = consumers.get(i);
      if (name == null || !CONSUMER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "journal.consumers["
                + i
                + "] '"
                + name
                + "' must be 1 to 32 characters of a-z, 0-9, '_' or '-', starting with a letter");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "journal.consumers[" + i + "] '" + name + "' appears twice");
      }
    }
    return List.copyOf(consumers);
  }
}
