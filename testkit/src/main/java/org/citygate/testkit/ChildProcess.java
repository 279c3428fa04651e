package org.citygate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A server started as a child process, its standard output and error appended to one log file.
 *
 * <p>{@link #stop} asks it to end (SIGTERM, so it can save its state), {@link #kill()} ends it at
 * once (SIGKILL, as a power cut would). Children still running when the JVM exits are killed.
 */
final class ChildProcess {
  private static final long POLL_MILLIS = 20;

  /** Children still running; killed when the JVM exits, so a crashed test run leaves none. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "testkit-child-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with extra {@code environment}, appending its output to {@code log}. */
  static ChildProcess start(
      String name, List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      LIVE.add(process);
      process.onExit().thenRun(() -> LIVE.remove(process));
      return new ChildProcess(name, process, log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + " (" + command + "): " + e, e);
    }
  }

  /**
   * Waits until {@code ready} answers true, polling every 20 ms.
   *
   * @throws IllegalStateException with the process's output when it exits first or the time is up;
   *     the process is killed then
   */
  void awaitReady(BooleanSupplier ready, long timeoutMillis, String what) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " before " + what + ": " + outputTail());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new IllegalStateException(
            name + " did not " + what + " within " + timeoutMillis + " ms: " + outputTail());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Sends SIGTERM and waits up to {@code graceMillis} for the process to end, then kills it. */
  void stop(long graceMillis) {
    process.destroy();
    await(graceMillis);
  }

  /** Sends SIGKILL and waits for the process to end. */
  void kill() {
    process.destroyForcibly();
    await(5_000);
  }

  private void await(long millis) {
    try {
      if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last 4,000 characters of the log, for error messages. */
  String outputTail() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Deletes {@code dir} and everything under it; quietly, as it is a test's scratch space. */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(ChildProcess::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // scratch space in the temp directory: leave what cannot be deleted
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // see deleteTree
    }
  }
}
