package org.citygate.profiles.model;

import java.util.Optional;

/** The transports a device may use; at least one is present. */
public record Transports(
    Optional<MqttBinding> mqtt, Optional<CoapBinding> coap, Optional<GpioBinding> gpio) {
  /** Checks at least one transport is bound. */
  public Transports {
    if (mqtt.isEmpty() && coap.isEmpty() && gpio.isEmpty()) {
      throw new IllegalArgumentException("a profile needs at least one transport");
    }
  }
}
