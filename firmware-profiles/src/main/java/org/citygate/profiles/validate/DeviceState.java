package org.citygate.profiles.validate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the validator remembers about one device between payloads: the last accepted sequence number
 * and the last value of each monotonic counter. The gateway keeps and persists it (with the
 * reading, in the same journal write); the validator only computes the next one.
 *
 * @param lastSeq the last accepted sequence number, or -1 before the first reading
 * @param counters the last accepted value of each counter field, by field name
 */
public record DeviceState(long lastSeq, Map<String, BigDecimal> counters) {
  /** The state of a device never heard from. */
  public static final DeviceState INITIAL = new DeviceState(-1, Map.of());

  /** Copies the map and checks the sequence number. */
  public DeviceState {
    if (lastSeq < -1) {
      throw new IllegalArgumentException("lastSeq must be -1 (none) or more, got " + lastSeq);
    }
    counters = Map.copyOf(counters);
  }

  /** The last accepted sequence number, if any. */
  public OptionalLong lastSequence() {
    return lastSeq < 0 ? OptionalLong.empty() : OptionalLong.of(lastSeq);
  }

  /** The state after accepting a reading with {@code seq} and these counter values. */
  public DeviceState after(long seq, Map<String, BigDecimal> counterValues) {
    if (counterValues.isEmpty()) {
      return new DeviceState(seq, counters);
    }
    if (counterValues.keySet().containsAll(counters.keySet())) {
      return new DeviceState(seq, counterValues); // every counter has a new value
    }
    Map<String, BigDecimal> next = new HashMap<>(counters);
    next.putAll(counterValues);
    return new DeviceState(seq, next);
  }
}
