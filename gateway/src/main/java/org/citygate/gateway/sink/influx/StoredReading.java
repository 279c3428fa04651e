package org.citygate.gateway.sink.influx;

import java.util.Objects;
import org.citygate.profiles.model.DeviceKind;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * A reading as the gateway stores it for the time-series sink: the canonical reading, what kind of
 * device took it, where, and its place in a sealed batch ({@code batchSeq}, {@code leafIndex}), so
 * that every stored point leads back to its proof.
 *
 * @param reading the canonical reading (the values that were hashed into the leaf)
 * @param kind the device's kind; names the InfluxDB measurement
 * @param gatewayId the gateway that sealed the batch
 * @param zone the device's zone
 * @param batchSeq the sealed batch's sequence number
 * @param leafIndex the reading's leaf index in that batch
 */
public record StoredReading(
    CanonicalReading reading,
    DeviceKind kind,
    String gatewayId,
    String zone,
    long batchSeq,
    int leafIndex) {

  /** Checks that nothing is missing and the batch position is not negative. */
  public StoredReading {
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(kind, "kind");
    requireText("gatewayId", gatewayId);
    requireText("zone", zone);
    if (batchSeq < 0) {
      throw new IllegalArgumentException("batchSeq " + batchSeq + " is negative");
    }
    if (leafIndex < 0) {
      throw new IllegalArgumentException("leafIndex " + leafIndex + " is negative");
    }
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " is missing");
    }
  }
}
