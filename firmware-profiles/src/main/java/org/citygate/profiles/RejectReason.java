package org.citygate.profiles;

/**
 * Why a payload was rejected: a closed set, so the gateway can count rejections by reason on its
 * metrics endpoint and the dead-letter store can be searched by it.
 */
public enum RejectReason {
  /** Not parseable as the profile's codec: bad syntax, truncated, invalid UTF-8, wrong shape. */
  MALFORMED,
  /** Over a size limit: payload bytes, record count, nesting depth, number or text length. */
  TOO_LARGE,
  /** A required value, the sequence number or the timestamp is absent. */
  MISSING_FIELD,
  /** A value of the wrong type, e.g. text where a number is declared. */
  WRONG_TYPE,
  /** A SenML unit that is not the field's declared unit. */
  WRONG_UNIT,
  /** A number outside the field's minimum..maximum, or a text not among its allowed values. */
  OUT_OF_RANGE,
  /** NaN or an infinity. */
  NOT_FINITE,
  /** A monotonic counter lower than the last accepted value (and not a wrap). */
  COUNTER_BACKWARDS,
  /** The signature is missing, malformed or does not verify, or the device has no key. */
  BAD_SIGNATURE,
  /** The sequence number is not after the last accepted one. */
  REPLAY,
  /** The device's timestamp is outside the profile's clock-skew window. */
  CLOCK_SKEW,
  /** A value the profile does not declare (when the profile rejects unknown fields). */
  UNKNOWN_FIELD,
  /** The payload names another device than the one it arrived from. */
  WRONG_DEVICE
}
