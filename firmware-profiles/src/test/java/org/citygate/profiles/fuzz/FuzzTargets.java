package org.citygate.profiles.fuzz;

import java.util.Map;
import org.citygate.profiles.load.BuiltInProfiles;
import org.citygate.profiles.validate.DeviceState;
import org.citygate.profiles.validate.ReadingOutcome;
import org.citygate.profiles.validate.ReadingValidator;
import org.citygate.profiles.validate.ValidationContext;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * The property every decoder must have, whatever the bytes: {@link ReadingValidator#validate}
 * returns a value and throws nothing, and an accepted reading has canonical bytes that parse back
 * to the same reading. Signature checks are off so that the fuzzer explores the decoders rather
 * than stopping at the signature.
 */
final class FuzzTargets {
  static final long NOW = 1_780_000_000_000L;

  private FuzzTargets() {}

  static void check(ReadingValidator validator, String deviceId, byte[] data) {
    ValidationContext context = ValidationContext.of(deviceId, NOW).withoutSignatureCheck();
    ReadingOutcome outcome = validator.validate(data, context, new DeviceState(3, Map.of()));
    if (outcome == null) {
      throw new AssertionError("validate returned null");
    }
    if (outcome instanceof ReadingOutcome.Accepted accepted) {
      for (CanonicalReading reading : accepted.readings()) {
        CanonicalReading back = CanonicalReading.fromCanonicalBytes(reading.toCanonicalBytes());
        if (!back.equals(reading)) {
          throw new AssertionError("canonical bytes do not round-trip: " + reading);
        }
      }
    }
  }

  static ReadingValidator validator(String id) {
    return new ReadingValidator(BuiltInProfiles.byId(id).orElseThrow());
  }
}
