package org.citygate.proofs.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.citygate.testkit.RepositoryRoot;

/**
 * Runs one of the interoperability scripts in {@code tools/interop/} ({@code node
 * tools/interop/NAME.mjs}): one JSON document on stdin, one on stdout (contract in {@code
 * tools/interop/README.md}).
 *
 * <p>A script that fails, hangs or prints something that is not JSON fails the calling test with
 * the script's stderr. Missing npm tools fail the test too, rather than skip it: a skipped
 * interoperability test would silently prove nothing.
 */
final class NodeScript {
  /** Generous: a call takes 0.3 to 0.6 s here, most of it node loading ethers. */
  private static final long TIMEOUT_SECONDS = 60;

  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeScript() {}

  /**
   * Runs {@code tools/interop/<script>} with {@code input} on stdin and returns the parsed stdout.
   *
   * @param script the file name, e.g. {@code "payout-tree.mjs"}
   */
  static JsonNode run(String script, JsonNode input) {
    Path root = RepositoryRoot.find();
    Path file = root.resolve("tools/interop").resolve(script);
    if (!Files.isRegularFile(file)) {
      fail("no interop script " + file);
    }
    if (!Files.isDirectory(root.resolve("tools/node_modules"))) {
      fail("run tools/install.sh first (the README's test command does)");
    }
    Process process;
    try {
      process =
          new ProcessBuilder(List.of("node", file.toString()))
              .directory(root.toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
    } catch (IOException e) {
      return fail("cannot start node (is Node.js installed? tools/install.sh installs it)", e);
    }
    // Drain both streams while writing, so a large answer cannot block the script on a full pipe.
    FutureTask<String> stdout = readAsync(process.getInputStream(), script + " stdout");
    FutureTask<String> stderr = readAsync(process.getErrorStream(), script + " stderr");
    try {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(JSON.writeValueAsBytes(input));
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail(script + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      String out = stdout.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      String err = stderr.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        return fail(script + " exited with " + process.exitValue() + ": " + err.strip());
      }
      JsonNode output;
      try {
        output = JSON.readTree(out);
      } catch (IOException e) {
        return fail(script + " printed no JSON: " + out.strip() + " " + err.strip(), e);
      }
      if (output == null || !output.isObject()) {
        return fail(script + " printed no JSON object: '" + out.strip() + "' " + err.strip());
      }
      return output;
    } catch (IOException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      return fail("talking to " + script + " failed: " + e, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return fail("interrupted while waiting for " + script);
    }
  }

  /**
   * Runs {@code script} once per input, all at the same time so that the node start-ups overlap,
   * for a script that takes one context per call (one tree, one EIP-712 domain).
   *
   * @return the outputs, in the order of {@code inputs}
   */
  static List<JsonNode> runAll(String script, List<? extends JsonNode> inputs) {
    List<FutureTask<JsonNode>> tasks = new ArrayList<>();
    for (JsonNode input : inputs) {
      FutureTask<JsonNode> task = new FutureTask<>(() -> run(script, input));
      Thread thread = new Thread(task, script + " #" + tasks.size());
      thread.setDaemon(true);
      thread.start();
      tasks.add(task);
    }
    List<JsonNode> outputs = new ArrayList<>();
    for (FutureTask<JsonNode> task : tasks) {
      try {
        outputs.add(task.get());
      } catch (ExecutionException e) {
        // Rethrow the AssertionFailedError (or whatever went wrong) of that run as it is.
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        return fail(script + " failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted while waiting for " + script);
      }
    }
    return outputs;
  }

  /** A fresh JSON object, for building inputs. */
  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Reads a stream to its end on its own daemon thread (not a shared pool: it blocks). */
  private static FutureTask<String> readAsync(InputStream stream, String name) {
    FutureTask<String> task =
        new FutureTask<>(
            () -> {
              try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
              }
            });
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return task;
  }
}
