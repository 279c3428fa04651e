package org.citygate.profiles.validate;

import java.util.Optional;
import org.citygate.profiles.sign.DeviceKey;

/**
 * What the caller knows about a payload besides its bytes.
 *
 * @param deviceId the device it came from (its authenticated transport identity)
 * @param nowMillis the gateway's clock, for the clock-skew window and SenML relative times
 * @param key the device's key from the device registry, for signed profiles
 * @param checkSignatures false only for diagnostics ({@code citygate-profiles decode} without a
 *     key): signatures are then neither required nor checked
 */
public record ValidationContext(
    String deviceId, long nowMillis, Optional<DeviceKey> key, boolean checkSignatures) {

  /** Checks the device id is present. */
  public ValidationContext {
    if (deviceId == null || deviceId.isEmpty()) {
      throw new IllegalArgumentException("deviceId is required");
    }
    if (key == null) {
      throw new IllegalArgumentException("key must be Optional.empty(), not null");
    }
  }

  /** A context without a key, checking signatures (so signed profiles are rejected). */
  public static ValidationContext of(String deviceId, long nowMillis) {
    return new ValidationContext(deviceId, nowMillis, Optional.empty(), true);
  }

  /** This context with the device's key. */
  public ValidationContext withKey(DeviceKey deviceKey) {
    return new ValidationContext(deviceId, nowMillis, Optional.of(deviceKey), checkSignatures);
  }

  /** This context without signature checks, for diagnostics only. */
  public ValidationContext withoutSignatureCheck() {
    return new ValidationContext(deviceId, nowMillis, key, false);
  }
}
