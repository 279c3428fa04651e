package org.citygate.proofs.verify;

import java.io.PrintWriter;

/** Prints a {@link VerificationReport} the way {@code citygate-verify} shows it to people. */
public final class ReportText {
  private ReportText() {}

  /** One line per step: a mark ({@code ok}, {@code FAIL}, {@code --}), the step, the detail. */
  public static void printSteps(PrintWriter out, VerificationReport report) {
    for (StepResult step : report.steps()) {
      out.printf("  %-4s  %-17s  %s%n", mark(step.outcome()), step.step().label(), step.detail());
    }
  }

  /** The one-line verdict for the bundle called {@code name}. */
  public static String verdict(String name, VerificationReport report) {
    if (!report.verified()) {
      StepResult failure = report.firstFailure().orElseThrow();
      return "NOT VERIFIED " + name + ": " + failure.step().label() + " failed";
    }
    if (report.fullyVerified()) {
      return "VERIFIED " + name + ": every step passed, the anchor included";
    }
    long skipped =
        report.steps().stream().filter(s -> s.outcome() == StepResult.Outcome.SKIPPED).count();
    return "VERIFIED "
        + name
        + " as far as it goes: "
        + skipped
        + " step(s) not checked (see above)";
  }

  private static String mark(StepResult.Outcome outcome) {
    return switch (outcome) {
      case PASSED -> "ok";
      case FAILED -> "FAIL";
      case SKIPPED -> "--";
    };
  }
}
