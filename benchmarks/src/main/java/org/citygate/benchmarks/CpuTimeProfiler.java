package org.citygate.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the benchmark JVM's CPU time per operation ({@code ·cpu.time}, µs/op) next to the wall
 * time JMH measures. Enable with {@code -prof org.citygate.benchmarks.CpuTimeProfiler}.
 *
 * <p>Why: this machine's two cores are shared with other builds. When a neighbour takes the CPU,
 * the benchmark thread is descheduled: wall time per operation grows, CPU time barely moves. So
 * ratios of CPU times are far steadier than ratios of wall times. The process total is used, not
 * the benchmark thread's, so garbage collection (part of the real cost of allocating a tree) is
 * counted; so is any JIT compilation still running, which should be none after warm-up.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startNanos;

  @Override
  public String getDescription() {
    return "JVM process CPU time per operation (benchmark, GC and JIT threads)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<ScalarResult> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpuNanos = os.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getAllOps();
    double microsPerOp = ops == 0 ? Double.NaN : cpuNanos / 1e3 / ops;
    return List.of(new ScalarResult("·cpu.time", microsPerOp, "us/op", AggregationPolicy.AVG));
  }
}
