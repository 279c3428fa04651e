package org.citygate.profiles.validate;

/**
 * The replay check on device sequence numbers, pure.
 *
 * <p>A full-width sequence number must be greater than the last accepted one (gaps are fine: a lost
 * message is not an attack). A short wrapping counter of {@code bits} bits (a 16-bit frame counter)
 * is unwrapped against the last accepted value: a step forward of 1 to 2^(bits-1) - 1 is accepted
 * and extended to 64 bits; zero or a step of half the range or more is a replay. So with 16 bits,
 * up to 32,767 consecutive lost frames are tolerated.
 */
public final class SequenceCheck {
  /** The verdict: the extended sequence number, and whether it is fresh. */
  public record Verdict(long sequence, boolean fresh) {}

  private SequenceCheck() {}

  /**
   * Checks {@code wireSeq} against {@code lastSeq}.
   *
   * @param lastSeq the last accepted (extended) sequence number, -1 for none
   * @param wireSeq the sequence number as sent
   * @param bits how many bits the wire carries (64 for a full number)
   */
  public static Verdict check(long lastSeq, long wireSeq, int bits) {
    if (lastSeq < 0) {
      return new Verdict(wireSeq, true);
    }
    if (bits >= 63) {
      return new Verdict(wireSeq, wireSeq > lastSeq);
    }
    long modulus = 1L << bits;
    long delta = Math.floorMod(wireSeq - lastSeq, modulus);
    if (delta == 0 || delta >= modulus / 2) {
      long back = delta == 0 ? 0 : modulus - delta;
      return new Verdict(Math.max(0, lastSeq - back), false);
    }
    return new Verdict(lastSeq + delta, true);
  }
}
