package org.citygate.proofs.merkle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.merkle.ProofException.Reason;

/** Shared leaves and helpers for the Merkle tests. */
final class TestData {
  private static final List<byte[]> LEAVES = new ArrayList<>();

  private TestData() {}

  /** Leaf data {@code "leaf 0"}, {@code "leaf 1"}, …: distinct and reproducible. */
  static synchronized List<byte[]> leaves(int n) {
    while (LEAVES.size() < n) {
      LEAVES.add(("leaf " + LEAVES.size()).getBytes(StandardCharsets.US_ASCII));
    }
    return List.copyOf(LEAVES.subList(0, n));
  }

  /** {@code value} with bit {@code bit} (0 = most significant of byte 0) flipped. */
  static Bytes32 flip(Bytes32 value, int bit) {
    byte[] bytes = value.bytes();
    bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    return new Bytes32(bytes);
  }

  /** {@code list} with element {@code i} replaced. */
  static List<Bytes32> replace(List<Bytes32> list, int i, Function<Bytes32, Bytes32> change) {
    List<Bytes32> out = new ArrayList<>(list);
    out.set(i, change.apply(out.get(i)));
    return out;
  }

  /** The reason {@code check} was rejected, or {@code null} if it was accepted. */
  static Reason rejection(Runnable check) {
    try {
      check.run();
      return null;
    } catch (ProofException e) {
      return e.reason();
    }
  }
}
