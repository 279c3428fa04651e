package org.citygate.profiles.codec;

import java.util.List;

/**
 * Turns payload bytes into raw readings (for the gateway) and readings into payload bytes (for the
 * simulator), as one profile declares.
 *
 * <p>Contract: {@link #decode} never throws; whatever the bytes, it returns a {@link DecodeResult}.
 * {@link #encode} throws {@link IllegalArgumentException} for a reading the profile cannot
 * represent (a value the layout has no room for, a missing signature for a signed profile): that is
 * the caller's bug, not bad input.
 */
public interface PayloadCodec {
  /** Decodes one payload. Never throws. */
  DecodeResult decode(byte[] payload, DecodeContext context);

  /** Encodes readings of one device into one payload. */
  byte[] encode(List<SignedReading> readings);
}
