package org.citygate.profiles.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.citygate.profiles.validate.ReadingValidator;

/**
 * Fuzzes SenML CBOR (parking radar, RFC 8428 §6 labels). Under {@code ./mvnw verify} it fuzzes for
 * a few seconds; see {@code docs/firmware-profiles.md} to run it longer. Seeds: {@code
 * SenmlCborFuzzTestInputs/} in the test resources.
 */
class SenmlCborFuzzTest {
  private static final ReadingValidator VALIDATOR =
      FuzzTargets.validator("citygate/parking-radar-senml@1");

  @FuzzTest(maxDuration = "3s")
  void fuzz(byte[] data) {
    FuzzTargets.check(VALIDATOR, "bay-1", data);
  }

  /** Entry point for Jazzer's standalone driver ({@code --target_class}), for long runs. */
  public static void fuzzerTestOneInput(byte[] data) {
    FuzzTargets.check(VALIDATOR, "bay-1", data);
  }
}
