package org.citygate.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 durability: a real child JVM ({@link JournalWriterMain}) appends under load with four
 * producers and a sink; it is killed with SIGKILL ({@link Process#destroyForcibly()}) at a
 * different point each round, the journal is reopened here, and
 *
 * <ul>
 *   <li>every record the child reported as acknowledged is present, at the position it was
 *       acknowledged with, byte for byte;
 *   <li>every record in the journal is intact (its payload checks) and there exactly once;
 *   <li>the sink's durable cursor is at least its last reported acknowledgement, and reading
 *       resumes exactly after it: nothing acknowledged is delivered again, nothing else is skipped.
 * </ul>
 *
 * Then the round's records are acknowledged, and the next child continues in the same directory.
 */
@Timeout(120)
class JournalKillTest {
  private static final int ROUNDS = 4;
  private static final int[] KILL_AFTER_ACKS = {300, 1_500, 700, 2_500};

  @TempDir Path tmp;

  @Test
  void everyAcknowledgedRecordSurvivesKill9() throws Exception {
    Path dir = tmp.resolve("journal");
    for (int run = 1; run <= ROUNDS; run++) {
      ChildOutput child = runAndKill(dir, run, KILL_AFTER_ACKS[run - 1]);
      verify(dir, run, child);
    }
  }

  private record Acked(long position, int run, int producer, long seq) {}

  private record ChildOutput(List<Acked> acked, Cursor lastSinkAck, int refused) {}

  private ChildOutput runAndKill(Path dir, int run, int killAfter) throws Exception {
    Path stderr = tmp.resolve("child-" + run + ".err");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.sqlite.tmpdir=" + tmp.resolve("native"),
                "-cp",
                System.getProperty("java.class.path"),
                JournalWriterMain.class.getName(),
                dir.toString(),
                Integer.toString(run))
            .redirectError(stderr.toFile());
    Files.createDirectories(tmp.resolve("native"));
    // stdout goes to a file, not a pipe: what the child wrote before the kill is all there
    Path stdout = tmp.resolve("child-" + run + ".out");
    Process process = pb.redirectOutput(stdout.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (countAcks(stdout) < killAfter && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(
        process.isAlive(),
        "the child died by itself: " + Files.readString(stderr, StandardCharsets.UTF_8));
    process.destroyForcibly(); // SIGKILL
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    assertEquals(137, process.exitValue(), "killed by SIGKILL");
    List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
    assertTrue(countAcks(stdout) >= killAfter, "the child acknowledged only " + countAcks(stdout));

    List<Acked> acked = new ArrayList<>();
    Cursor lastSinkAck = Cursor.START;
    int refused = 0;
    for (String line : lines) {
      if (!line.endsWith(" .")) {
        continue; // cut short by the kill: never reported
      }
      String[] f = line.split(" ");
      switch (f[0]) {
        case "A" ->
            acked.add(
                new Acked(
                    Long.parseLong(f[1]),
                    Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]),
                    Long.parseLong(f[4])));
        case "K" ->
            lastSinkAck =
                lastSinkAck.max(
                    new Cursor(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
        case "R" -> refused++;
        default -> throw new AssertionError("unexpected line from the child: " + line);
      }
    }
    return new ChildOutput(acked, lastSinkAck, refused);
  }

  private static long countAcks(Path stdout) throws IOException {
    if (!Files.exists(stdout)) {
      return 0;
    }
    try (var lines = Files.lines(stdout, StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> l.startsWith("A ")).count();
    }
  }

  private void verify(Path dir, int run, ChildOutput child) {
    assertEquals(0, child.refused(), "nothing should be refused in this test");
    try (Journal journal = Journal.open(JournalConfig.defaults(dir, JournalWriterMain.CONSUMERS))) {
      JournalBatch all = journal.read("checker", 100_000);
      assertTrue(all.size() < 100_000, "the round fits in one read");
      Map<Long, JournalEntry> byPosition = new HashMap<>();
      Set<String> ids = new HashSet<>();
      for (JournalEntry e : all.entries()) {
        String[] f = new String(e.record().payload(), StandardCharsets.UTF_8).split(":");
        int producer = Integer.parseInt(f[1]);
        long seq = Long.parseLong(f[2]);
        assertEquals(run, Integer.parseInt(f[0]), "only this round's records are unread");
        assertEquals(JournalWriterMain.record(run, producer, seq), e.record(), "intact");
        assertTrue(ids.add(producer + "/" + seq), "exactly once: " + producer + "/" + seq);
        byPosition.put(e.position(), e);
      }
      for (Acked a : child.acked()) {
        JournalEntry e = byPosition.get(a.position());
        assertNotNull(e, "acknowledged record " + a + " is missing after kill -9");
        assertArrayEquals(
            JournalWriterMain.payload(a.run(), a.producer(), a.seq()), e.record().payload());
      }
      assertTrue(all.size() >= child.acked().size());

      Cursor sink = journal.stats().consumers().get("sink").acked();
      assertEquals(sink, sink.max(child.lastSinkAck()), "every reported sink ack is durable");
      List<Long> expected = new ArrayList<>();
      for (JournalEntry e : all.entries()) {
        if (e.position() > sink.get(e.record().lane())) {
          expected.add(e.position());
        }
      }
      JournalBatch resumed = journal.read("sink", 100_000);
      assertEquals(
          expected,
          resumed.entries().stream().map(JournalEntry::position).toList(),
          "the sink resumes exactly after its last acknowledgement");

      // Hand the round over: both consumers acknowledge everything, the journal empties.
      journal.ack("checker", all.upTo());
      journal.ack("sink", resumed.upTo());
      assertEquals(0, journal.stats().depth());
      System.out.printf(
          "kill -9 round %d: %d acknowledged, %d in the journal, sink resumed with %d%n",
          run, child.acked().size(), all.size(), resumed.size());
    }
  }
}
