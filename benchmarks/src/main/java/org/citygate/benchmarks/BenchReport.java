package org.citygate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a JMH JSON result file and prints every result as a Markdown table, then the target lines:
 * tree build against the same-run hashing baseline per {@code n}, bundle verification time, and
 * decode + validation rates per codec (readings/s) with their same-run baselines.
 *
 * <p>Each target is judged on CPU time per operation when the run used {@link CpuTimeProfiler}
 * (steady on a shared machine), else on the wall-time mean; both are printed, with the fastest
 * iteration, so a verdict that only noise could flip is visible as such.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.citygate.benchmarks.BenchReport results.json}.
 * Benchmarks missing from the file (a filtered run) are reported as not measured.
 */
public final class BenchReport {
  private static final String PREFIX = "org.citygate.benchmarks.";
  private static final String TREE = PREFIX + "merkle.MerkleBuildBenchmark.fromLeafData";
  private static final String BASELINE = PREFIX + "merkle.HashBaseline.hashes";
  private static final String VERIFY = PREFIX + "verify.ProofVerifyBenchmark.bundleVerify";
  private static final String READ_VERIFY = PREFIX + "verify.ProofVerifyBenchmark.bundleReadVerify";
  private static final String CODEC = PREFIX + "profiles.CodecBenchmark.";
  private static final String CPU_METRIC = "·cpu.time";
  private static final double TREE_TARGET = 0.80;
  private static final double VERIFY_TARGET_US = 1_000;
  private static final double CODEC_TARGET = 300_000;

  /** The codec cases: method, label, and whether the 300,000 readings/s target applies. */
  private static final List<String[]> CODECS =
      List.of(
          new String[] {"senmlCbor", "SenML CBOR, parking radar", "target"},
          new String[] {"senmlJson", "SenML JSON, street light", "target"},
          new String[] {"json", "JSON mapping, PV inverter unsigned", ""},
          new String[] {"binary", "binary layout, LoRaWAN parking", ""},
          new String[] {"jsonHmac", "JSON mapping + HMAC, PV inverter", ""},
          new String[] {"jsonEd25519", "JSON mapping + Ed25519, meter", ""},
          new String[] {"senmlJsonEd25519", "SenML JSON + Ed25519, mobility", ""});

  /** Same-run ratios of the codec report: subject, baseline, label. */
  private static final List<String[]> CODEC_RATIOS =
      List.of(
          new String[] {"senmlCbor", "treeCbor", "SenML CBOR validate / Jackson CBOR tree"},
          new String[] {"senmlJson", "treeSenmlJson", "SenML JSON validate / Jackson JSON tree"},
          new String[] {"json", "treeJson", "JSON mapping validate / Jackson JSON tree"},
          new String[] {"jsonEd25519", "rawEd25519", "meter (Ed25519) / raw Ed25519 verify"},
          new String[] {
            "senmlJsonEd25519", "rawEd25519", "mobility (Ed25519) / raw Ed25519 verify"
          },
          new String[] {"jsonHmac", "rawHmac", "PV (HMAC) / raw HMAC-SHA256"},
          new String[] {"jsonHmac", "json", "PV (HMAC) / PV unsigned"});

  /**
   * One metric of one result, as JMH reports it.
   *
   * @param score the mean over iterations
   * @param error the 99.9% confidence half-width, NaN when JMH gives none
   * @param unit JMH's unit, {@code x/op} or {@code ops/x}
   * @param best the fastest iteration: interference from other processes only ever adds time
   */
  record Metric(double score, double error, String unit, double best) {
    /** Seconds per operation of the mean, whatever the mode. */
    double secondsPerOp() {
      return secondsPerOp(score);
    }

    /** Seconds per operation in the fastest iteration. */
    double bestSecondsPerOp() {
      return secondsPerOp(best);
    }

    /** Relative error of the score (the same for its reciprocal, to first order). */
    double relativeError() {
      return Double.isNaN(error) ? 0 : error / score;
    }

    private double secondsPerOp(double value) {
      int slash = unit.indexOf('/');
      return unit.startsWith("ops/")
          ? seconds(unit.substring(slash + 1)) / value
          : value * seconds(unit.substring(0, slash));
    }
  }

  /** A benchmark, its {@code n} parameter (or empty), wall-time score and CPU time if measured. */
  record Result(String benchmark, String n, Metric wall, Optional<Metric> cpu) {}

  private BenchReport() {}

  /**
   * Prints the report.
   *
   * @param args the JMH JSON result file
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BenchReport <jmh-results.json>");
      System.exit(2);
    }
    List<Result> results = read(Path.of(args[0]));
    printTable(results);
    System.out.println();
    for (String n : List.of("1024", "65536", "1048576")) {
      treeLine(results, n);
    }
    verifyLine(results, VERIFY, "bundle verify (offline)          ");
    verifyLine(results, READ_VERIFY, "bundle JSON read + verify        ");
    codecLines(results);
  }

  /**
   * Decode + validation rates per codec (readings/s, one reading per operation), the 300,000
   * readings/s target for unsigned SenML CBOR and JSON, and the same-run ratios: each rate as a
   * share of its baseline's (plain Jackson parse of the same bytes, raw signature verification).
   */
  private static void codecLines(List<Result> results) {
    if (results.stream().noneMatch(r -> r.benchmark().startsWith(CODEC))) {
      System.out.println("codec decode + validate           not measured in this run");
      return;
    }
    System.out.println();
    for (String[] codec : CODECS) {
      Optional<Result> result = find(results, CODEC + codec[0], "");
      if (result.isEmpty()) {
        System.out.printf(Locale.ROOT, "%-35s not measured in this run%n", codec[1]);
        continue;
      }
      Metric wall = result.get().wall();
      double wallRate = 1 / wall.secondsPerOp();
      Optional<Double> cpuRate = result.get().cpu().map(c -> 1 / c.secondsPerOp());
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-35s", codec[1]));
      result
          .get()
          .cpu()
          .ifPresent(
              c ->
                  line.append(
                      String.format(
                          Locale.ROOT,
                          " cpu %,9.0f ± %,7.0f readings/s,",
                          1 / c.secondsPerOp(),
                          c.relativeError() / c.secondsPerOp())));
      line.append(
          String.format(
              Locale.ROOT,
              " wall %,9.0f ± %,7.0f (best iteration %,9.0f)",
              wallRate,
              wallRate * wall.relativeError(),
              1 / wall.bestSecondsPerOp()));
      if (!codec[2].isEmpty()) {
        line.append(
            verdict(
                String.format(Locale.ROOT, ">= %,.0f readings/s", CODEC_TARGET),
                cpuRate.map(r -> r >= CODEC_TARGET),
                wallRate >= CODEC_TARGET));
      }
      System.out.println(line);
    }
    System.out.println();
    for (String[] ratio : CODEC_RATIOS) {
      codecRatioLine(results, ratio[0], ratio[1], ratio[2]);
    }
  }

  /** {@code subject}'s rate as a share of {@code baseline}'s: baseline time / subject time. */
  private static void codecRatioLine(
      List<Result> results, String subject, String baseline, String label) {
    Optional<Result> s = find(results, CODEC + subject, "");
    Optional<Result> b = find(results, CODEC + baseline, "");
    if (s.isEmpty() || b.isEmpty()) {
      System.out.printf(Locale.ROOT, "%-42s not measured in this run%n", label);
      return;
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-42s", label));
    if (s.get().cpu().isPresent() && b.get().cpu().isPresent()) {
      Metric sc = s.get().cpu().get();
      Metric bc = b.get().cpu().get();
      line.append(
          String.format(
              Locale.ROOT, " cpu %6.1f%% ± %5.1f%%,", 100 * ratio(bc, sc), 100 * error(bc, sc)));
    }
    Metric sw = s.get().wall();
    Metric bw = b.get().wall();
    line.append(
        String.format(
            Locale.ROOT,
            " wall %6.1f%% ± %5.1f%% (best iterations %6.1f%%)",
            100 * ratio(bw, sw),
            100 * error(bw, sw),
            100 * bw.bestSecondsPerOp() / sw.bestSecondsPerOp()));
    System.out.println(line);
  }

  private static void printTable(List<Result> results) {
    System.out.println(
        "| Benchmark | n | Score | Error (99.9%) | Unit | Best iteration | CPU µs/op |");
    System.out.println("|---|---:|---:|---:|---|---:|---:|");
    for (Result r : results) {
      Metric wall = r.wall();
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s |%n",
          r.benchmark().substring(PREFIX.length()),
          r.n().isEmpty() ? "" : String.format(Locale.ROOT, "%,d", Long.parseLong(r.n())),
          number(wall.score()),
          Double.isNaN(wall.error()) ? "" : "± " + number(wall.error()),
          wall.unit(),
          number(wall.best()),
          r.cpu().map(c -> number(c.score()) + " ± " + number(c.error())).orElse(""));
    }
  }

  /** Tree build rate as a share of the raw hashing rate: baseline time / tree time. */
  private static void treeLine(List<Result> results, String n) {
    String label = String.format(Locale.ROOT, "tree build / raw hashing, n=%-9s", n);
    Optional<Result> tree = find(results, TREE, n);
    Optional<Result> base = find(results, BASELINE, n);
    if (tree.isEmpty() || base.isEmpty()) {
      System.out.println(label + " not measured in this run");
      return;
    }
    Metric treeWall = tree.get().wall();
    Metric baseWall = base.get().wall();
    double wall = ratio(baseWall, treeWall);
    double best = baseWall.bestSecondsPerOp() / treeWall.bestSecondsPerOp();
    StringBuilder line = new StringBuilder(label);
    Optional<Double> cpu = Optional.empty();
    if (tree.get().cpu().isPresent() && base.get().cpu().isPresent()) {
      Metric treeCpu = tree.get().cpu().get();
      Metric baseCpu = base.get().cpu().get();
      cpu = Optional.of(ratio(baseCpu, treeCpu));
      line.append(
          String.format(
              Locale.ROOT,
              " cpu %5.1f%% ± %4.1f%%,",
              100 * cpu.get(),
              100 * error(baseCpu, treeCpu)));
    }
    line.append(
        String.format(
            Locale.ROOT,
            " wall %5.1f%% ± %5.1f%% (best iterations %5.1f%%)",
            100 * wall,
            100 * error(baseWall, treeWall),
            100 * best));
    System.out.println(
        line
            + verdict(
                String.format(Locale.ROOT, ">= %.0f%%", 100 * TREE_TARGET),
                cpu.map(r -> r >= TREE_TARGET),
                wall >= TREE_TARGET));
  }

  private static void verifyLine(List<Result> results, String benchmark, String label) {
    Optional<Result> result = find(results, benchmark, "");
    if (result.isEmpty()) {
      System.out.println(label + " not measured in this run");
      return;
    }
    Metric wall = result.get().wall();
    double micros = wall.secondsPerOp() * 1e6;
    StringBuilder line = new StringBuilder(label);
    Optional<Double> cpuMicros = result.get().cpu().map(c -> c.secondsPerOp() * 1e6);
    result
        .get()
        .cpu()
        .ifPresent(
            c ->
                line.append(
                    String.format(
                        Locale.ROOT,
                        " cpu %.1f ± %.1f us/op,",
                        c.secondsPerOp() * 1e6,
                        c.secondsPerOp() * 1e6 * c.relativeError())));
    line.append(
        String.format(
            Locale.ROOT,
            " wall %.1f ± %.1f us/op (best iteration %.1f)",
            micros,
            micros * wall.relativeError(),
            wall.bestSecondsPerOp() * 1e6));
    System.out.println(
        line
            + verdict(
                String.format(Locale.ROOT, "< %.0f us", VERIFY_TARGET_US),
                cpuMicros.map(us -> us < VERIFY_TARGET_US),
                micros < VERIFY_TARGET_US));
  }

  /** The verdict on CPU time if measured, else on the wall mean; a disagreement is named. */
  private static String verdict(String target, Optional<Boolean> cpu, boolean wall) {
    boolean pass = cpu.orElse(wall);
    String basis = cpu.isPresent() ? "on CPU time" : "on wall-time mean";
    String note =
        cpu.isPresent() && cpu.get() != wall
            ? "; wall-time mean " + (wall ? "passes" : "fails") + ": noise?"
            : "";
    return "  target " + target + ": " + (pass ? "PASS" : "FAIL") + " (" + basis + note + ")";
  }

  /** {@code a / b} in time per operation: how fast {@code b} runs compared with {@code a}. */
  private static double ratio(Metric a, Metric b) {
    return a.secondsPerOp() / b.secondsPerOp();
  }

  private static double error(Metric a, Metric b) {
    return ratio(a, b) * Math.hypot(a.relativeError(), b.relativeError());
  }

  private static List<Result> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    List<Result> out = new ArrayList<>();
    for (JsonNode run : root) {
      JsonNode cpu = run.path("secondaryMetrics").path(CPU_METRIC);
      out.add(
          new Result(
              run.path("benchmark").asText(),
              run.path("params").path("n").asText(""),
              metric(run.path("primaryMetric")),
              cpu.isMissingNode() ? Optional.empty() : Optional.of(metric(cpu))));
    }
    return out;
  }

  private static Metric metric(JsonNode metric) {
    String unit = metric.path("scoreUnit").asText();
    boolean throughput = unit.startsWith("ops/");
    double best = throughput ? 0 : Double.MAX_VALUE;
    for (JsonNode fork : metric.path("rawData")) {
      for (JsonNode iteration : fork) {
        double value = iteration.asDouble();
        best = throughput ? Math.max(best, value) : Math.min(best, value);
      }
    }
    JsonNode error = metric.path("scoreError");
    return new Metric(
        metric.path("score").asDouble(),
        error.isNumber() ? error.asDouble() : Double.NaN,
        unit,
        best);
  }

  private static Optional<Result> find(List<Result> results, String benchmark, String n) {
    return results.stream()
        .filter(r -> r.benchmark().equals(benchmark) && r.n().equals(n))
        .findFirst();
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    double abs = Math.abs(value);
    String pattern = abs >= 1000 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }

  private static double seconds(String unit) {
    switch (unit) {
      case "ns":
        return 1e-9;
      case "us":
        return 1e-6;
      case "ms":
        return 1e-3;
      case "s":
        return 1;
      case "min":
        return 60;
      case "hr":
        return 3600;
      default:
        throw new IllegalArgumentException("unknown time unit '" + unit + "'");
    }
  }
}
