package org.citygate.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from a test, wherever the test runner started it. */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  /**
   * The nearest directory, from the working directory up, that holds {@code tools/package.json}.
   * Maven runs tests in the module directory, an IDE perhaps in the root.
   */
  public static Path find() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("tools/package.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no tools/package.json in " + start + " or any directory above it");
  }
}
