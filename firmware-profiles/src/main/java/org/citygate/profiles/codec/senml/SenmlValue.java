package org.citygate.profiles.codec.senml;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;

/** The value of a resolved SenML record: {@code v}, {@code vb}, {@code vs} or {@code vd}. */
public sealed interface SenmlValue {
  /** A number ({@code v}), exact. */
  record Num(BigDecimal value) implements SenmlValue {}

  /** A boolean ({@code vb}). */
  record Bool(boolean value) implements SenmlValue {}

  /** A string ({@code vs}). */
  record Str(String value) implements SenmlValue {}

  /** A data value ({@code vd}): base64url in JSON, a byte string in CBOR. */
  record Data(byte[] value) implements SenmlValue {
    /** Copies the bytes. */
    public Data {
      value = value.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Data d && Arrays.equals(value, d.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Data[" + Base64.getUrlEncoder().withoutPadding().encodeToString(value) + "]";
    }
  }
}
