package org.citygate.proofs.leaf;

import java.math.BigInteger;

/** Argument checks shared by the typed leaves. */
final class Leaves {
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  private Leaves() {}

  static void require(String what, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
  }

  static void requireUint64(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + value);
    }
  }

  static void requireUint256(String what, BigInteger value) {
    require(what, value);
    if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException(what + " " + value + " is not a uint256");
    }
  }
}
