package org.citygate.profiles.model;

import java.util.Optional;

/**
 * How a device reaches the gateway over MQTT.
 *
 * @param topic the topic the device publishes readings to, with {@code {deviceId}} in it, e.g.
 *     {@code "citygate/meter/{deviceId}/up"}
 * @param commandTopic the topic the gateway publishes commands to, for actuators
 * @param qos the MQTT quality of service the device publishes with (0, 1 or 2)
 */
public record MqttBinding(String topic, Optional<String> commandTopic, int qos) {
  /** The placeholder for the device id in topics and paths. */
  public static final String DEVICE_ID = "{deviceId}";

  /** Checks the topic names the device and the QoS is 0..2. */
  public MqttBinding {
    if (topic == null || !topic.contains(DEVICE_ID)) {
      throw new IllegalArgumentException("MQTT topic '" + topic + "' must contain " + DEVICE_ID);
    }
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("MQTT qos " + qos + ", want 0, 1 or 2");
    }
  }

  /** The topic with the device id filled in. */
  public String topicFor(String deviceId) {
    return topic.replace(DEVICE_ID, deviceId);
  }

  /** The topic as an MQTT subscription filter: the device id becomes a {@code +} wildcard. */
  public String subscriptionFilter() {
    return topic.replace(DEVICE_ID, "+");
  }
}
