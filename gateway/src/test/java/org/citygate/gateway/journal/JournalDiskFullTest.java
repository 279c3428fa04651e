package org.citygate.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk: appends are refused as DISK_FULL (never acknowledged), every record acknowledged
 * before stays readable and intact, refusals are counted, space freed lets appends succeed again,
 * and a reopened journal is consistent.
 *
 * <p>The real cases run {@link DiskFullMain} in a child JVM whose journal directories are two 3 MiB
 * tmpfs mounts in a private mount namespace ({@code unshare --user --map-root-user --mount}: no
 * root needed where unprivileged user namespaces are allowed, as on Debian 12). In one, the {@code
 * journal.minFreeBytes} guard refuses first, so acknowledgements still commit while "full"; in the
 * other the guard is off, the kernel answers ENOSPC and SQLite reports SQLITE_FULL; acknowledging
 * may then fail too, until space is freed. Where namespaces are not allowed (some containers) those
 * cases are skipped; the in-process cases still run: SQLite's {@code max_page_count} caps the file
 * and SQLite fails with the same SQLITE_FULL through the same code path, and a {@code minFreeBytes}
 * above the disk's free space trips the guard.
 */
@Timeout(60)
class JournalDiskFullTest {
  @TempDir Path tmp;

  @Test
  void realFullFileSystems() throws Exception {
    Assumptions.assumeTrue(
        canUnshare(), "unshare --user --mount is not allowed here: no tmpfs to fill");
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createDirectories(a);
    Files.createDirectories(b);
    Files.createDirectories(tmp.resolve("native"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path stdout = tmp.resolve("child.out");
    Process process =
        new ProcessBuilder(
                "unshare",
                "--user",
                "--map-root-user",
                "--mount",
                "sh",
                "-c",
                "mount -t tmpfs -o size=40m citygate-a \"$0\" && mount -t tmpfs -o size=4m"
                    + " citygate-b \"$1\" && shift && exec \"$@\"",
                a.toString(),
                b.toString(),
                java.toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.sqlite.tmpdir=" + tmp.resolve("native"),
                "-cp",
                System.getProperty("java.class.path"),
                DiskFullMain.class.getName(),
                a.resolve("journal").toString(),
                b.resolve("journal").toString())
            .redirectErrorStream(true)
            .redirectOutput(stdout.toFile())
            .start();
    assertTrue(process.waitFor(45, TimeUnit.SECONDS), "the child did not finish");
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), out);

    Map<String, String> guarded = report(out, "guarded");
    assertRecovered(guarded, out);
    assertTrue(guarded.get("message").startsWith("only_"), out);
    assertTrue(guarded.get("message").contains("below_journal.minFreeBytes_16777216"), out);
    assertEquals("ok", guarded.get("ackWhileFull"), "the guard keeps room for acks: " + out);
    assertTrue(Long.parseLong(guarded.get("full")) > 10_000, out);

    Map<String, String> unguarded = report(out, "unguarded");
    assertRecovered(unguarded, out);
    assertTrue(unguarded.get("message").startsWith("no_space_left_for_the_journal"), out);
    assertTrue(unguarded.get("message").contains("SQLITE_FULL"), out);
    // ackWhileFull may be "failed" here: a commit needs a little space. The ballast freed it.
    out.lines().filter(l -> l.contains("full=")).forEach(l -> System.out.println("tmpfs " + l));
  }

  @Test
  void aCappedStoreRefusesAppendsAndRecovers() {
    SqliteJournal.Tuning capped =
        new SqliteJournal.Tuning(Clock.systemUTC(), 300, Duration.ofSeconds(1));
    JournalConfig config =
        JournalConfig.defaults(tmp.resolve("journal"), List.of("influx")).withMinFreeBytes(0);
    Map<String, String> report = parse(DiskFullMain.run(config, capped, null));
    assertEquals("ok", report.get("ackWhileFull"));
    assertRecovered(report, report.toString());
    assertTrue(report.get("message").contains("SQLITE_FULL"), report.toString());
    assertTrue(Long.parseLong(report.get("full")) > 500, report.toString());
  }

  @Test
  void theFreeSpaceGuardRefusesAppendsButNotAcks() throws Exception {
    long free = Files.getFileStore(tmp).getUsableSpace();
    Assumptions.assumeTrue(free < (1L << 40), "more than 1 TiB free: cannot trip the guard");
    JournalConfig config =
        JournalConfig.defaults(tmp.resolve("journal"), List.of("influx"))
            .withMinFreeBytes(1L << 40);
    try (Journal journal = Journal.open(config)) {
      AppendOutcome outcome = journal.append(List.of(DiskFullMain.record(0))).get(0);
      AppendOutcome.Refused refused = (AppendOutcome.Refused) outcome;
      assertEquals(RefusalReason.DISK_FULL, refused.reason());
      assertTrue(refused.message().contains("below journal.minFreeBytes 1099511627776"));
      assertEquals(1, journal.stats().refused(Lane.TELEMETRY, RefusalReason.DISK_FULL));
      journal.ack("influx", Cursor.START);
    }
  }

  private static void assertRecovered(Map<String, String> r, String context) {
    assertEquals("DISK_FULL", r.get("reason"), context);
    assertTrue(Long.parseLong(r.get("full")) > 500, context);
    assertEquals("true", r.get("refusedCounted"), context);
    assertEquals(r.get("full"), r.get("read"), "every acknowledged record is readable: " + context);
    assertEquals("0", r.get("depth"), context);
    assertEquals("20", r.get("after"), "appends succeed once space is freed: " + context);
    assertEquals("20", r.get("reopened"), context);
  }

  private static Map<String, String> report(String out, String name) {
    String line =
        out.lines()
            .filter(l -> l.startsWith(name + " "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + name + " report: " + out));
    return parse(line.substring(name.length() + 1));
  }

  private static Map<String, String> parse(String line) {
    if (line.startsWith("FAILED")) {
      throw new AssertionError(line);
    }
    Map<String, String> out = new HashMap<>();
    for (String field : line.trim().split(" ")) {
      int eq = field.indexOf('=');
      out.put(field.substring(0, eq), field.substring(eq + 1));
    }
    return out;
  }

  private static boolean canUnshare() {
    try {
      Process p =
          new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "true")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
