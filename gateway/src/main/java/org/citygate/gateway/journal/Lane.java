package org.citygate.gateway.journal;

import java.util.Locale;

/**
 * The journal's priority lanes, highest priority first.
 *
 * <p>They map one to one onto the firmware profiles' {@code Priority} ({@code fault}, {@code
 * command}, {@code telemetry}): {@link #fromName(String)} takes the profile's lower-case name.
 * Consumers read every lane in this order ({@link #FAULT} first), and when the journal is full
 * {@link #TELEMETRY} gives way to the other two, never the other way round.
 */
public enum Lane {
  /** Device faults, e.g. a street light that reports a broken lamp. */
  FAULT(0),
  /** Commands to devices and their acknowledgements, e.g. switch or dim a street light. */
  COMMAND(1),
  /** Bulk readings: parking bays, meters, light levels. */
  TELEMETRY(2);

  private final int code;

  Lane(int code) {
    this.code = code;
  }

  /** The number stored on disk for this lane; never changes, whatever the declaration order. */
  int code() {
    return code;
  }

  static Lane fromCode(int code) {
    for (Lane lane : values()) {
      if (lane.code == code) {
        return lane;
      }
    }
    throw new IllegalArgumentException("unknown lane code " + code);
  }

  /**
   * The lane named {@code name}, in any case: {@code "fault"}, {@code "command"}, {@code
   * "telemetry"} (the firmware profiles' priority names).
   */
  public static Lane fromName(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown lane '" + name + "', want fault, command or telemetry", e);
    }
  }
}
