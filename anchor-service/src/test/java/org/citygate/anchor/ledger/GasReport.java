package org.citygate.anchor.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Gas figures measured by the contract tests, printed and appended to {@code target/ledger-gas.txt}
 * (one {@code name<TAB>gas} line each) for the benchmarks page.
 */
final class GasReport {
  private static final Path FILE = Path.of("target", "ledger-gas.txt");

  private GasReport() {}

  /** Records that {@code what} used {@code gas}. */
  static synchronized void record(String what, long gas) {
    System.out.println("gas: " + what + " = " + gas);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          what + "\t" + gas + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
