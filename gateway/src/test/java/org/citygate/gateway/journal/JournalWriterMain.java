package org.citygate.gateway.journal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The child process of {@link JournalKillTest}: a gateway-shaped load on a real journal until it is
 * killed.
 *
 * <p>Four producer threads append batches of one to four records and print {@code A position run
 * producer seq .} for each record only after {@code append} has returned it as appended (the moment
 * a gateway would acknowledge the device). A sink thread reads for consumer {@code sink},
 * acknowledges, and prints {@code K fault command telemetry .} after {@code ack} returns. The
 * consumer {@code checker} is never acknowledged here, so the test can see everything. Every line
 * ends with {@code " ."} so that a line cut short by the kill is recognisable.
 *
 * <p>Usage: {@code JournalWriterMain <journal dir> <run number>}
 */
public final class JournalWriterMain {
  static final List<String> CONSUMERS = List.of("checker", "sink");
  static final int PRODUCERS = 4;

  private JournalWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int run = Integer.parseInt(args[1]);
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    Journal journal = Journal.open(JournalConfig.defaults(dir, CONSUMERS));
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      threads.add(new Thread(() -> produce(journal, out, run, producer), "producer-" + p));
    }
    threads.add(new Thread(() -> consume(journal, out), "sink"));
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
  }

  private static void produce(Journal journal, PrintStream out, int run, int producer) {
    long seq = 0;
    while (true) {
      int n = 1 + (int) (seq % 4);
      List<JournalRecord> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(record(run, producer, seq + i));
      }
      List<AppendOutcome> outcomes = journal.append(batch);
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (outcomes.get(i) instanceof AppendOutcome.Appended a) {
          lines.append("A ").append(a.position()).append(' ').append(run).append(' ');
          lines.append(producer).append(' ').append(seq + i).append(" .\n");
        } else {
          lines.append("R ").append(outcomes.get(i)).append(" .\n");
        }
      }
      synchronized (out) {
        out.print(lines);
        out.flush();
      }
      seq += n;
    }
  }

  private static void consume(Journal journal, PrintStream out) {
    while (true) {
      JournalBatch batch = journal.read("sink", 1 + (int) (System.nanoTime() % 50));
      if (batch.isEmpty()) {
        Thread.onSpinWait();
        continue;
      }
      journal.ack("sink", batch.upTo());
      Cursor c = batch.upTo();
      synchronized (out) {
        out.println("K " + c.fault() + " " + c.command() + " " + c.telemetry() + " .");
        out.flush();
      }
    }
  }

  /** The record a producer appends as its {@code seq}th: lane, device and payload follow. */
  static JournalRecord record(int run, int producer, long seq) {
    Lane lane = seq % 10 == 0 ? Lane.FAULT : seq % 10 == 1 ? Lane.COMMAND : Lane.TELEMETRY;
    return new JournalRecord(
        lane, "dev-" + producer, seq, "kill-test", payload(run, producer, seq));
  }

  /** {@code run:producer:seq:} then the first 16 bytes of its SHA-256 in hex, then padding. */
  static byte[] payload(int run, int producer, long seq) {
    String head = run + ":" + producer + ":" + seq + ":";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(head.getBytes(StandardCharsets.UTF_8));
      String text = head + HexFormat.of().formatHex(digest, 0, 16) + ":" + "x".repeat(60);
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
