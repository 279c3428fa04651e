package org.citygate.proofs.verify;

/**
 * The outcome of one {@link Step}: passed, failed (with what was wrong) or skipped (with why).
 *
 * @param step the step
 * @param outcome what happened
 * @param detail one line in words: what was established, what was wrong, or why it was skipped
 */
public record StepResult(Step step, Outcome outcome, String detail) {
  /** Whether a step passed, failed or was not run. */
  public enum Outcome {
    /** The step's check held. */
    PASSED,
    /** The step's check did not hold; the bundle does not verify. */
    FAILED,
    /** The step was not run: an earlier step failed, the reading is pending, or no chain given. */
    SKIPPED
  }

  /** Checks presence. */
  public StepResult {
    if (step == null || outcome == null || detail == null) {
      throw new IllegalArgumentException("step, outcome and detail are required");
    }
  }

  /** A passed step. */
  public static StepResult passed(Step step, String detail) {
    return new StepResult(step, Outcome.PASSED, detail);
  }

  /** A failed step. */
  public static StepResult failed(Step step, String detail) {
    return new StepResult(step, Outcome.FAILED, detail);
  }

  /** A skipped step. */
  public static StepResult skipped(Step step, String detail) {
    return new StepResult(step, Outcome.SKIPPED, detail);
  }
}
