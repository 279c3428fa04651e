package org.citygate.proofs.payout;

/** The pool a payout is drawn from, encoded in the leaf as a {@code uint8}. */
public enum PayoutPool {
  /** Energy settlement, code 0. */
  ENERGY(0),
  /** Rewards, code 1. */
  REWARDS(1);

  private final int code;

  PayoutPool(int code) {
    this.code = code;
  }

  /** The {@code uint8} value in the leaf encoding. */
  public int code() {
    return code;
  }

  /**
   * The pool with this {@code uint8} code.
   *
   * @throws IllegalArgumentException for an unknown code
   */
  public static PayoutPool fromCode(int code) {
    for (PayoutPool pool : values()) {
      if (pool.code == code) {
        return pool;
      }
    }
    throw new IllegalArgumentException(
        "unknown payout pool code " + code + " (0 = energy, 1 = rewards)");
  }
}
