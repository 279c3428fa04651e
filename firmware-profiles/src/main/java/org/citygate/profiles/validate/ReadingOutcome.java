package org.citygate.profiles.validate;

import java.util.List;
import org.citygate.profiles.Rejection;
import org.citygate.proofs.reading.CanonicalReading;

/** The outcome of decoding and validating one payload. */
public sealed interface ReadingOutcome {
  /**
   * Every reading in the payload is valid.
   *
   * @param readings the canonical readings, in payload order
   * @param state the device's state after them, for the caller to keep
   */
  record Accepted(List<CanonicalReading> readings, DeviceState state) implements ReadingOutcome {
    /** Copies the list. */
    public Accepted {
      readings = List.copyOf(readings);
    }
  }

  /**
   * The payload is rejected as a whole (a payload with one bad reading of several is rejected
   * entirely, so a device never has half a payload accepted); the device's state is unchanged.
   */
  record Rejected(Rejection rejection) implements ReadingOutcome {}
}
