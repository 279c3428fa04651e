package org.citygate.proofs.merkle;

import java.util.ArrayList;
import java.util.List;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * A deliberately naive reference: RFC 6962 §2.1 {@code MTH}, {@code PATH} and {@code PROOF}/{@code
 * SUBPROOF} transcribed literally with {@link List#subList} recursion, and the RFC 9162 §2.1.3.2 /
 * §2.1.4.2 verification loops transcribed step by step. Slow and obviously correct; the fast
 * classes are checked against it. Shares nothing with them but keccak-256.
 */
final class NaiveMerkle {
  private NaiveMerkle() {}

  static byte[] hash(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return Keccak256.hash(all);
  }

  static Bytes32 leafHash(byte[] data) {
    return new Bytes32(hash(new byte[] {0x00}, data));
  }

  static Bytes32 nodeHash(Bytes32 left, Bytes32 right) {
    return new Bytes32(hash(new byte[] {0x01}, left.bytes(), right.bytes()));
  }

  /** The largest power of two smaller than {@code n}, for {@code n > 1}. */
  static int k(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** MTH(D[n]). */
  static Bytes32 mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return new Bytes32(hash());
    }
    if (n == 1) {
      return leafHash(d.get(0));
    }
    int k = k(n);
    return nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  /** PATH(m, D[n]) for 0 <= m < n. */
  static List<Bytes32> path(int m, List<byte[]> d) {
    int n = d.size();
    if (n == 1) {
      return new ArrayList<>();
    }
    int k = k(n);
    List<Bytes32> out;
    if (m < k) {
      out = path(m, d.subList(0, k));
      out.add(mth(d.subList(k, n)));
    } else {
      out = path(m - k, d.subList(k, n));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** PROOF(m, D[n]) for 0 <= m <= n; empty for m == 0 (RFC 9162) and m == n. */
  static List<Bytes32> proof(int m, List<byte[]> d) {
    return m == 0 ? new ArrayList<>() : subproof(m, d, true);
  }

  /** SUBPROOF(m, D[n], b). */
  static List<Bytes32> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    if (m == n) {
      List<Bytes32> out = new ArrayList<>();
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = k(n);
    List<Bytes32> out;
    if (m <= k) {
      out = subproof(m, d.subList(0, k), b);
      out.add(mth(d.subList(k, n)));
    } else {
      out = subproof(m - k, d.subList(k, n), false);
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** RFC 9162 §2.1.3.2, step by step. */
  static boolean rfcVerifyInclusion(
      long leafIndex, long treeSize, Bytes32 leaf, List<Bytes32> path, Bytes32 root) {
    if (leafIndex < 0 || leafIndex >= treeSize) {
      return false;
    }
    long fn = leafIndex;
    long sn = treeSize - 1;
    Bytes32 r = leaf;
    for (Bytes32 p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && r.equals(root);
  }

  /** RFC 9162 §2.1.4.2, step by step; defined for 0 < first < second. */
  static boolean rfcVerifyConsistency(
      long first, long second, Bytes32 firstHash, Bytes32 secondHash, List<Bytes32> path) {
    if (first <= 0 || first >= second) {
      throw new IllegalArgumentException("RFC algorithm needs 0 < first < second");
    }
    if (path.isEmpty()) {
      return false;
    }
    List<Bytes32> c = new ArrayList<>(path);
    if (Long.bitCount(first) == 1) {
      c.add(0, firstHash);
    }
    long fn = first - 1;
    long sn = second - 1;
    if ((fn & 1) == 1) {
      while ((fn & 1) == 1) {
        fn >>= 1;
        sn >>= 1;
      }
    }
    Bytes32 fr = c.get(0);
    Bytes32 sr = c.get(0);
    for (Bytes32 value : c.subList(1, c.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(value, fr);
        sr = nodeHash(value, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = nodeHash(sr, value);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return fr.equals(firstHash) && sr.equals(secondHash) && sn == 0;
  }
}
