package org.citygate.gateway.journal;

/**
 * For each lane, the position up to which (inclusive) a consumer has read or acknowledged.
 *
 * <p>Positions are global across lanes and never reused, so one number per lane says exactly which
 * records lie behind a consumer. {@link #START} is before every record.
 *
 * @param fault last position in {@link Lane#FAULT}
 * @param command last position in {@link Lane#COMMAND}
 * @param telemetry last position in {@link Lane#TELEMETRY}
 */
public record Cursor(long fault, long command, long telemetry) {

  /** Before every record: positions start at 1. */
  public static final Cursor START = new Cursor(0, 0, 0);

  /** Positions are never negative. */
  public Cursor {
    if (fault < 0 || command < 0 || telemetry < 0) {
      throw new IllegalArgumentException(
          "cursor positions must not be negative, got " + fault + "/" + command + "/" + telemetry);
    }
  }

  /** The position in {@code lane}. */
  public long get(Lane lane) {
    return switch (lane) {
      case FAULT -> fault;
      case COMMAND -> command;
      case TELEMETRY -> telemetry;
    };
  }

  /** This cursor with {@code lane} at {@code position}. */
  public Cursor with(Lane lane, long position) {
    return switch (lane) {
      case FAULT -> new Cursor(position, command, telemetry);
      case COMMAND -> new Cursor(fault, position, telemetry);
      case TELEMETRY -> new Cursor(fault, command, position);
    };
  }

  /** Lane by lane, the later of the two. */
  public Cursor max(Cursor other) {
    return new Cursor(
        Math.max(fault, other.fault),
        Math.max(command, other.command),
        Math.max(telemetry, other.telemetry));
  }

  /** The largest of the three positions. */
  long highest() {
    return Math.max(fault, Math.max(command, telemetry));
  }
}
