package org.citygate.profiles.codec;

import java.util.List;
import org.citygate.profiles.Rejection;

/** What a codec made of a payload: raw readings, or why it could not. */
public sealed interface DecodeResult {
  /** The payload parsed into one or more raw readings. */
  record Decoded(List<RawReading> readings) implements DecodeResult {
    /** Copies the list and checks it is not empty. */
    public Decoded {
      readings = List.copyOf(readings);
      if (readings.isEmpty()) {
        throw new IllegalArgumentException("a decoded payload has at least one reading");
      }
    }
  }

  /** The payload could not be decoded. */
  record Failed(Rejection rejection) implements DecodeResult {}
}
