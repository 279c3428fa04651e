package org.citygate.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the installed programs the helpers run, and says how to install a missing one. */
final class Binaries {
  /** Where Debian puts daemons ({@code /usr/sbin/mosquitto}) that a non-root PATH may lack. */
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

  private Binaries() {}

  /**
   * The first of {@code names} found on the PATH (or in the sbin directories).
   *
   * @param debianPackage the package that provides it, named in the error
   * @throws IllegalStateException naming the install step when none is installed
   */
  static Path require(String debianPackage, String... names) {
    return find(names)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    String.join(" or ", names)
                        + " is not installed: run tools/install.sh (it installs the Debian"
                        + " package "
                        + debianPackage
                        + ")"));
  }

  static Optional<Path> find(String... names) {
    Set<String> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(EXTRA_DIRS);
    List<Path> candidates = new ArrayList<>();
    for (String name : names) {
      for (String dir : dirs) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
