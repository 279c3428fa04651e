package org.citygate.gateway.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a journal until its store refuses, then checks what was kept, frees space and checks that
 * the journal recovers. Run by {@link JournalDiskFullTest}: in a child JVM on small tmpfs mounts
 * (the real file-system cases), and in process on a store capped by SQLite's {@code
 * max_page_count}. Returns, and as a program prints, one report line of {@code key=value} fields.
 *
 * <p>Usage: {@code DiskFullMain <guarded dir> <unguarded dir>}, each on its own small file system:
 * the first with {@code journal.minFreeBytes} at 1 MiB (the guard refuses before the disk is full),
 * the second with the guard off (the kernel's ENOSPC reaches SQLite); the second also gets a 512
 * KiB ballast file, deleted to free space once the journal has been checked.
 */
public final class DiskFullMain {
  /** Space the unguarded case holds back, then frees to let the journal recover. */
  static final int BALLAST_BYTES = 2 << 20;

  private DiskFullMain() {}

  public static void main(String[] args) {
    run("guarded", Path.of(args[0]), JournalConfig.MIN_MIN_FREE_BYTES, false);
    run("unguarded", Path.of(args[1]), 0, true);
  }

  private static void run(String name, Path dir, long minFree, boolean ballast) {
    JournalConfig config = JournalConfig.defaults(dir, List.of("influx")).withMinFreeBytes(minFree);
    try {
      Path file = ballast ? dir.resolveSibling("ballast") : null;
      System.out.println(name + " " + run(config, SqliteJournal.Tuning.DEFAULT, file));
    } catch (RuntimeException e) {
      System.out.println(name + " FAILED " + e);
      e.printStackTrace(System.out);
    }
  }

  /**
   * The steps: fill until refused; read back everything acknowledged; acknowledge it (while the
   * disk is still full); delete {@code ballast} if given; acknowledge again if needed; append
   * again; reopen.
   */
  static String run(JournalConfig config, SqliteJournal.Tuning tuning, Path ballast) {
    StringBuilder report = new StringBuilder();
    if (ballast != null) {
      write(ballast, BALLAST_BYTES);
    }
    long appended = 0;
    AppendOutcome.Refused refusal = null;
    try (Journal journal = SqliteJournal.open(config, tuning)) {
      while (refusal == null && appended < 1_000_000) {
        List<JournalRecord> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          batch.add(record(appended + i));
        }
        for (AppendOutcome outcome : journal.append(batch)) {
          if (outcome instanceof AppendOutcome.Refused r) {
            refusal = r;
          } else if (refusal == null) {
            appended++;
          } else {
            return "FAILED an append after a refusal in the same batch was acknowledged";
          }
        }
      }
      field(report, "full", appended);
      field(report, "reason", refusal == null ? "none" : refusal.reason());
      field(
          report,
          "refusedCounted",
          journal.stats().refused(Lane.TELEMETRY, RefusalReason.DISK_FULL) > 0);
      String verified = verify(journal, appended, ballast == null);
      if (verified != null) {
        return verified;
      }
      field(report, "read", appended);
      String ackWhileFull = "ok";
      if (ballast != null) {
        try {
          journal.ack("influx", journal.read("influx", 1_000).upTo());
        } catch (JournalException e) {
          ackWhileFull = "failed";
        }
        delete(ballast);
        for (JournalBatch b = journal.read("influx", 1_000);
            !b.isEmpty();
            b = journal.read("influx", 1_000)) {
          journal.ack("influx", b.upTo());
        }
      }
      field(report, "ackWhileFull", ackWhileFull);
      field(report, "depth", journal.stats().depth());
      List<JournalRecord> again = new ArrayList<>();
      for (int k = 0; k < 20; k++) {
        again.add(record(appended + 1_000 + k));
      }
      field(
          report,
          "after",
          journal.append(again).stream().filter(AppendOutcome::isAppended).count());
    }
    try (Journal journal = SqliteJournal.open(config, tuning)) {
      field(report, "reopened", journal.read("influx", 1_000).size());
    }
    if (refusal != null) {
      field(report, "message", refusal.message().replace(' ', '_'));
    }
    return report.toString().trim();
  }

  /**
   * Checks that records 0 to {@code count - 1} are there, in order and intact: in pages that are
   * acknowledged as they are read ({@code ackWhileReading}: the acknowledgements must commit on the
   * full disk), or in one read without acknowledging.
   */
  private static String verify(Journal journal, long count, boolean ackWhileReading) {
    long i = 0;
    JournalBatch batch;
    do {
      batch = journal.read("influx", ackWhileReading ? 1_000 : 100_000);
      for (JournalEntry e : batch.entries()) {
        if (!e.record().equals(record(i))) {
          return "FAILED record " + i + " differs: " + e.record();
        }
        i++;
      }
      if (ackWhileReading && !batch.isEmpty()) {
        journal.ack("influx", batch.upTo());
      }
    } while (ackWhileReading && !batch.isEmpty());
    return i == count ? null : "FAILED read " + i + " records of " + count;
  }

  static JournalRecord record(long i) {
    byte[] payload = new byte[1_000];
    byte[] head = ("record " + i).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, payload, 0, head.length);
    return new JournalRecord(Lane.TELEMETRY, "dev-" + (i % 7), i, "disk-full-test", payload);
  }

  private static void field(StringBuilder report, String key, Object value) {
    report.append(key).append('=').append(value).append(' ');
  }

  private static void write(Path file, int bytes) {
    try {
      Files.write(file, new byte[bytes]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
