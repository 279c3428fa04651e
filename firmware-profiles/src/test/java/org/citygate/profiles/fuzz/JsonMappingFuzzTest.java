package org.citygate.profiles.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.citygate.profiles.validate.ReadingValidator;

/**
 * Fuzzes JSON with field mapping (smart meter). Under {@code ./mvnw verify} it fuzzes for a few
 * seconds; see {@code docs/firmware-profiles.md} to run it longer. Seeds: {@code
 * JsonMappingFuzzTestInputs/} in the test resources.
 */
class JsonMappingFuzzTest {
  private static final ReadingValidator VALIDATOR =
      FuzzTargets.validator("citygate/smart-meter-obis@1");

  @FuzzTest(maxDuration = "3s")
  void fuzz(byte[] data) {
    FuzzTargets.check(VALIDATOR, "m-1", data);
  }

  /** Entry point for Jazzer's standalone driver ({@code --target_class}), for long runs. */
  public static void fuzzerTestOneInput(byte[] data) {
    FuzzTargets.check(VALIDATOR, "m-1", data);
  }
}
