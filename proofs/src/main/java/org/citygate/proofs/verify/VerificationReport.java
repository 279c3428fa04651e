package org.citygate.proofs.verify;

import java.util.List;
import java.util.Optional;

/**
 * The result of verifying one proof bundle: one {@link StepResult} per {@link Step}, in order.
 *
 * @param steps every step's result
 */
public record VerificationReport(List<StepResult> steps) {
  /** Defensive copy. */
  public VerificationReport {
    steps = List.copyOf(steps);
  }

  /** The first step that failed, if any. */
  public Optional<StepResult> firstFailure() {
    return steps.stream().filter(s -> s.outcome() == StepResult.Outcome.FAILED).findFirst();
  }

  /** True when no step failed (some may have been skipped). */
  public boolean verified() {
    return firstFailure().isEmpty();
  }

  /** True when every step passed, the on-chain anchor included. */
  public boolean fullyVerified() {
    return steps.stream().allMatch(s -> s.outcome() == StepResult.Outcome.PASSED);
  }

  /** The result of {@code step}. */
  public StepResult result(Step step) {
    return steps.stream()
        .filter(s -> s.step() == step)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for " + step));
  }
}
