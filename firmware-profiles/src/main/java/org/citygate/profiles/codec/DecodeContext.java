package org.citygate.profiles.codec;

/**
 * What a codec needs to know besides the bytes.
 *
 * @param deviceId the device the payload arrived from (its authenticated transport identity)
 * @param nowMillis the gateway's clock, for SenML relative times
 */
public record DecodeContext(String deviceId, long nowMillis) {
  /** Checks the device id is present. */
  public DecodeContext {
    if (deviceId == null || deviceId.isEmpty()) {
      throw new IllegalArgumentException("deviceId is required");
    }
  }
}
