package org.citygate.gateway.journal.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.citygate.gateway.journal.Journal;

/**
 * The journal's storage benchmark, run on purpose (not by the tests): {@code tools/journal-bench.sh
 * [--rounds 2] [--slices 10] [--slice-ms 100] [--only a,b]}.
 *
 * <p>Candidates: {@code segment-log} (hand-written, the floor: one write and one fdatasync per
 * commit), {@code sqlite-full} and {@code sqlite-normal} (raw SQLite, WAL), {@code mvstore} (H2),
 * {@code rocksdb}, and {@code journal} (the journal as built, on SQLite, through its API). Records
 * are 200 random bytes. Every commit is durable (one fsync) except in {@code sqlite-normal}, which
 * is there to show what the fsync costs.
 *
 * <p><b>Throughput</b>, in one JVM with every candidate open: for groups of 1, 10, 100 and 1,000
 * records per commit, the candidates take turns appending for {@code --slice-ms}, {@code --slices}
 * times, so that the disk's moods (these machines are shared, and fsync latency here swings tenfold
 * within minutes) fall on all of them alike; then read-and-acknowledge (read the oldest 1,000,
 * delete them durably) the same way. Reported: records per second, commit latency p50/p99 for
 * single-record commits, and for the journal, 16 threads each appending one record and waiting for
 * it (what group commit buys).
 *
 * <p><b>Footprint</b>, one fresh JVM per candidate ({@code -Xmx64m -XX:+UseSerialGC}, as on a small
 * board) running the same fixed work: 1,000 commits of 1 record, 500 of 10, 200 of 100, 50 of 1,000
 * (76,000 records), then reading and acknowledging all of them. Reported: bytes on disk per record
 * when all are kept, bytes written to the device per record ({@code /proc/self/io write_bytes}:
 * write amplification, i.e. SD card wear), files left after all are acknowledged, peak resident
 * memory ({@code VmHWM}) and heap after a GC.
 */
public final class JournalStoreBench {
  static final List<String> CANDIDATES =
      List.of("segment-log", "sqlite-full", "sqlite-normal", "mvstore", "rocksdb", "journal");
  static final int[] GROUPS = {1, 10, 100, 1000};
  static final int RECORD_BYTES = 200;

  /** The footprint work: {group size, commits}. */
  static final int[][] FIXED_WORK = {{1, 1_000}, {10, 500}, {100, 200}, {1000, 50}};

  private JournalStoreBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path dir = Path.of(opts.getOrDefault("dir", "target/journal-bench"));
    List<String> only =
        opts.containsKey("only") ? List.of(opts.get("only").split(",")) : CANDIDATES;
    if (opts.containsKey("footprint")) {
      footprint(opts.get("footprint"), dir);
      return;
    }
    if (opts.containsKey("throughput")) {
      throughput(
          only,
          dir,
          Integer.parseInt(opts.getOrDefault("slices", "10")),
          Integer.parseInt(opts.getOrDefault("slice-ms", "100")));
      return;
    }
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "2"));
    System.out.printf(
        "journal storage benchmark: %d rounds, %d-byte records, in %s (%s); java %s, %d cpus, %s,"
            + " load %s%n",
        rounds,
        RECORD_BYTES,
        dir.toAbsolutePath(),
        fileSystem(dir),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"),
        Files.readString(Path.of("/proc/loadavg")).trim());
    for (int round = 1; round <= rounds; round++) {
      Path d = dir.resolve("round" + round);
      deleteRecursively(d);
      List<String> throughputArgs = new ArrayList<>(List.of("--throughput", "x"));
      throughputArgs.addAll(List.of("--dir", d.resolve("throughput").toString()));
      throughputArgs.addAll(List.of("--only", String.join(",", only)));
      throughputArgs.addAll(List.of("--slices", opts.getOrDefault("slices", "10")));
      throughputArgs.addAll(List.of("--slice-ms", opts.getOrDefault("slice-ms", "100")));
      System.out.printf(
          "%n### Round %d: throughput (all candidates in one JVM, interleaved)%n%n", round);
      System.out.print(child("-Xmx256m", throughputArgs));
      System.out.printf("%n### Round %d: footprint (one JVM each, -Xmx64m, fixed work)%n%n", round);
      System.out.println(
          "| store | disk B/record (all kept) | written B/record (append+ack) | files after ack"
              + " (bytes) | RSS peak MB | heap after GC MB |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      for (String name : only) {
        Path fd = d.resolve("footprint").resolve(name);
        System.out.print(child("-Xmx64m", List.of("--footprint", name, "--dir", fd.toString())));
      }
      deleteRecursively(d);
    }
  }

  // ---- the parent ----

  private static String child(String heap, List<String> args) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                heap,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                JournalStoreBench.class.getName()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(args + " failed:\n" + out);
    }
    StringBuilder table = new StringBuilder();
    out.lines()
        .filter(l -> l.startsWith("|") || l.startsWith("- "))
        .forEach(l -> table.append(l).append('\n'));
    return table.toString();
  }

  // ---- throughput: all candidates in this JVM, taking turns ----

  private static void throughput(List<String> names, Path dir, int slices, int sliceMs)
      throws Exception {
    Random random = new Random(42);
    Map<String, BenchStore> stores = new LinkedHashMap<>();
    for (String name : names) {
      stores.put(name, BenchStore.open(name, dir.resolve(name)));
    }
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    names.forEach(n -> rows.put(n, new LinkedHashMap<>()));
    for (BenchStore store : stores.values()) {
      appendFor(store, random, 100, 300_000_000L, null); // warm-up
    }
    for (int g : GROUPS) {
      Map<String, long[]> counts = new LinkedHashMap<>();
      Map<String, List<Long>> latencies = new LinkedHashMap<>();
      names.forEach(n -> counts.put(n, new long[2]));
      names.forEach(n -> latencies.put(n, new ArrayList<>()));
      for (int s = 0; s < slices; s++) {
        for (int i = 0; i < names.size(); i++) {
          String name = names.get((i + s) % names.size()); // rotate who goes first
          long t0 = System.nanoTime();
          long n =
              appendFor(
                  stores.get(name),
                  random,
                  g,
                  sliceMs * 1_000_000L,
                  g == 1 ? latencies.get(name) : null);
          counts.get(name)[0] += n;
          counts.get(name)[1] += System.nanoTime() - t0;
        }
      }
      for (String name : names) {
        long[] c = counts.get(name);
        rows.get(name).put("x" + g, Long.toString(Math.round(c[0] / (c[1] / 1e9))));
        if (g == 1) {
          long[] l = latencies.get(name).stream().mapToLong(Long::longValue).sorted().toArray();
          rows.get(name)
              .put("lat", millis(l[l.length / 2]) + " / " + millis(l[(int) (l.length * 0.99)]));
        }
      }
    }
    Map<String, long[]> acks = new LinkedHashMap<>();
    names.forEach(n -> acks.put(n, new long[2]));
    for (int s = 0; s < slices; s++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + s) % names.size());
        long t0 = System.nanoTime();
        long end = t0 + sliceMs * 1_000_000L;
        long n = 0;
        int k;
        while (System.nanoTime() < end && (k = stores.get(name).readAndAck(1_000)) > 0) {
          n += k;
        }
        acks.get(name)[0] += n;
        acks.get(name)[1] += System.nanoTime() - t0;
      }
    }
    for (String name : names) {
      long[] c = acks.get(name);
      rows.get(name).put("ack", Long.toString(Math.round(c[0] / (c[1] / 1e9))));
    }
    String concurrency = null;
    if (stores.get("journal") instanceof JournalApiStore j) {
      concurrency = concurrent(j.journal(), random, slices * sliceMs);
    }
    for (BenchStore store : stores.values()) {
      store.close();
    }

    Map<String, String> base = rows.get("segment-log");
    System.out.println(
        "| store | appends/s, 1 per commit | 10 per commit | 100 per commit | 1,000 per commit |"
            + " commit p50 / p99 ms (1 per commit) | read + ack/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (String name : names) {
      Map<String, String> r = rows.get(name);
      StringBuilder row = new StringBuilder("| " + name + " |");
      for (int g : GROUPS) {
        row.append(' ').append(withRatio(r, base, "x" + g)).append(" |");
      }
      row.append(' ').append(r.get("lat")).append(" |");
      row.append(' ').append(withRatio(r, base, "ack")).append(" |");
      System.out.println(row);
    }
    if (concurrency != null) {
      System.out.println();
      System.out.println("- " + concurrency);
    }
  }

  /** Appends groups of {@code group} records for {@code nanos}; returns records appended. */
  private static long appendFor(
      BenchStore store, Random random, int group, long nanos, List<Long> latencies)
      throws Exception {
    long end = System.nanoTime() + nanos;
    long n = 0;
    List<byte[]> batch = new ArrayList<>(group);
    do {
      fill(batch, random, group);
      long t = System.nanoTime();
      store.append(batch);
      if (latencies != null) {
        latencies.add(System.nanoTime() - t);
      }
      n += group;
    } while (System.nanoTime() < end);
    return n;
  }

  /** 16 threads, each appending one record and waiting for it, for {@code millis}. */
  private static String concurrent(Journal journal, Random random, long millis)
      throws InterruptedException {
    int threads = 16;
    AtomicLong done = new AtomicLong();
    long commits0 = journal.stats().commits();
    long end = System.nanoTime() + millis * 1_000_000L;
    CountDownLatch finished = new CountDownLatch(threads);
    byte[] payload = new byte[RECORD_BYTES];
    random.nextBytes(payload);
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  journal.append(List.of(JournalApiStore.record(payload)));
                  done.incrementAndGet();
                }
                finished.countDown();
              })
          .start();
    }
    finished.await();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long commits = journal.stats().commits() - commits0;
    return String.format(
        Locale.ROOT,
        "journal, 16 threads each appending 1 record and waiting for it: %,d appends/s,"
            + " %,d commits/s, %.1f records per fsync",
        Math.round(done.get() / elapsed),
        Math.round(commits / elapsed),
        done.get() / (double) Math.max(1, commits));
  }

  // ---- footprint: one candidate in this JVM, fixed work ----

  private static void footprint(String name, Path dir) throws Exception {
    Random random = new Random(42);
    long written0 = writeBytes();
    long records = 0;
    long diskAllKept;
    long diskAfterAck;
    try (BenchStore store = BenchStore.open(name, dir)) {
      List<byte[]> batch = new ArrayList<>();
      for (int[] work : FIXED_WORK) {
        for (int c = 0; c < work[1]; c++) {
          fill(batch, random, work[0]);
          store.append(batch);
          records += work[0];
        }
      }
      diskAllKept = directoryBytes(dir);
      long acked = 0;
      int k;
      while ((k = store.readAndAck(1_000)) > 0) {
        acked += k;
      }
      if (acked != records) {
        throw new IllegalStateException(name + " acknowledged " + acked + " of " + records);
      }
      diskAfterAck = directoryBytes(dir);
    }
    long written = writeBytes() - written0;
    System.gc();
    long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %,d | %d | %d |%n",
        name,
        diskAllKept / records,
        written / records,
        diskAfterAck,
        procStatus("VmHWM") >> 10,
        heapMb);
  }

  // ---- helpers ----

  private static void fill(List<byte[]> batch, Random random, int group) {
    batch.clear();
    for (int i = 0; i < group; i++) {
      byte[] b = new byte[RECORD_BYTES];
      random.nextBytes(b);
      batch.add(b);
    }
  }

  private static String withRatio(Map<String, String> r, Map<String, String> base, String key) {
    long value = Long.parseLong(r.get(key));
    if (base == null || base == r) {
      return String.format(Locale.ROOT, "%,d", value);
    }
    double b = Double.parseDouble(base.get(key));
    return String.format(Locale.ROOT, "%,d (%.2f)", value, b == 0 ? 0 : value / b);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static long writeBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("write_bytes:")) {
        return Long.parseLong(line.substring(12).trim());
      }
    }
    return 0;
  }

  /** A {@code /proc/self/status} value in kB. */
  private static long procStatus(String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
      }
    }
    return 0;
  }

  private static long directoryBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // deleted meanwhile
                }
              })
          .sum();
    }
  }

  private static String fileSystem(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.getFileStore(dir).type();
    } catch (IOException e) {
      return "?";
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    return opts;
  }

  static {
    Arrays.sort(GROUPS);
  }
}
