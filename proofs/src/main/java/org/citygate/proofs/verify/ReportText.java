package org.citygate.proofs.verify;

import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Prints a {@link VerificationReport} the way {@code citygate-verify} shows it to people. */
public final class ReportText {
  private ReportText() {}

  /** One line per step: a mark ({@code ok}, {@code FAIL}, {@code --}), the step, the detail. */
  public static void printSteps(PrintWriter out, VerificationReport report) {
    for (StepResult step : report.steps()) {
      out.printf(
          "  %-4s  %-17s  %s%n",
          mark(step.outcome()), step.step().label(), printable(step.detail()));
    }
  }

  /**
   * The one-line verdict for the bundle called {@code name}: {@code VERIFIED} only when every step
   * passed, {@code UNCONFIRMED} when none failed but some were not checked (pending, offline, or no
   * trusted registry pinned), {@code NOT VERIFIED} when a step failed.
   */
  public static String verdict(String name, VerificationReport report) {
    if (!report.verified()) {
      StepResult failure = report.firstFailure().orElseThrow();
      return "NOT VERIFIED " + name + ": " + failure.step().label() + " failed";
    }
    if (report.fullyVerified()) {
      return "VERIFIED " + name + ": every step passed, the anchor included";
    }
    String unchecked =
        report.steps().stream()
            .filter(s -> s.outcome() == StepResult.Outcome.SKIPPED)
            .map(s -> s.step().label())
            .collect(Collectors.joining(", "));
    return "UNCONFIRMED " + name + ": every checked step passed; not checked: " + unchecked;
  }

  /**
   * The text with control characters (C0, DEL, C1) shown as {@code \\uXXXX}: details quote
   * measurement values from the bundle, which must not drive the reader's terminal.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String mark(StepResult.Outcome outcome) {
    return switch (outcome) {
      case PASSED -> "ok";
      case FAILED -> "FAIL";
      case SKIPPED -> "--";
    };
  }
}
