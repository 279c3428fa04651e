package org.citygate.proofs.merkle;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * An immutable RFC 6962 Merkle tree over keccak-256 (see {@link MerkleHasher}), with inclusion and
 * consistency proofs for the whole tree and for any prefix of it.
 *
 * <p><b>Shape.</b> Leaves are kept in the given order (not sorted). The tree is left-balanced: the
 * {@code n} leaves split at the largest power of two {@code k < n}. An odd node at the end of a
 * level is promoted unchanged, never paired with a copy of itself: duplication (as in Bitcoin) lets
 * two different leaf lists, {@code [a, b, c]} and {@code [a, b, c, c]}, share a root
 * (CVE-2012-2459), which would let a batch be silently padded.
 *
 * <p><b>Building.</b> Levels are computed bottom-up in flat arrays: a level of {@code m} hashes
 * gives {@code ceil(m / 2)} parents, the unpaired last hash (if any) being promoted. This yields
 * exactly the RFC 6962 shape. The two children of a parent are adjacent in memory and hashed
 * straight from the level array into the next one, so building costs {@code n - 1} node hashes and
 * no per-node allocation.
 *
 * <p><b>Memory.</b> Every level is kept, {@code 32 * ceil(n / 2^h)} bytes at height {@code h}, so a
 * tree holds about {@code 64 * n} bytes (plus {@code 32 * n} transient for {@link #fromLeafData}):
 * 64 MiB per million leaves. The leaf level must fit one Java array, hence at most {@link
 * #MAX_LEAVES} leaves. Proofs read the stored nodes; proofs and roots for a prefix of the tree hash
 * at most {@code O(log n)} extra nodes along the prefix's right border.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MerkleTree {
  /** The most leaves a tree can hold: the leaf level is one array of 32-byte hashes. */
  public static final int MAX_LEAVES = Integer.MAX_VALUE / Keccak256.LENGTH;

  private static final int H = Keccak256.LENGTH;

  private final int size;

  /** {@code levels[h]} holds the {@code ceil(size / 2^h)} hashes of height {@code h}, flat. */
  private final byte[][] levels;

  private MerkleTree(byte[] leafLevel, int size) {
    this.size = size;
    this.levels = buildLevels(leafLevel, size);
  }

  /**
   * A tree over the given leaf hashes (already {@link MerkleHasher#hashLeaf hashed}).
   *
   * @throws IllegalArgumentException if the list or an element is missing, or there are more than
   *     {@link #MAX_LEAVES}
   */
  public static MerkleTree fromLeafHashes(List<Bytes32> leafHashes) {
    if (leafHashes == null) {
      throw new IllegalArgumentException("leaf hashes are missing");
    }
    int n = checkCount(leafHashes.size());
    byte[] leaves = new byte[n * H];
    int i = 0;
    for (Bytes32 hash : leafHashes) {
      if (hash == null) {
        throw new IllegalArgumentException("leaf hash " + i + " is missing");
      }
      System.arraycopy(hash.bytes(), 0, leaves, i++ * H, H);
    }
    return new MerkleTree(leaves, n);
  }

  /**
   * A tree over raw 32-byte leaf hashes: the fast path for callers that already hold arrays. The
   * hashes are copied; the caller keeps ownership of its arrays.
   *
   * @throws IllegalArgumentException if an element is missing or not 32 bytes long, or there are
   *     more than {@link #MAX_LEAVES}
   */
  public static MerkleTree fromLeafHashes(byte[][] leafHashes) {
    if (leafHashes == null) {
      throw new IllegalArgumentException("leaf hashes are missing");
    }
    int n = checkCount(leafHashes.length);
    byte[] leaves = new byte[n * H];
    for (int i = 0; i < n; i++) {
      byte[] hash = leafHashes[i];
      if (hash == null || hash.length != H) {
        throw new IllegalArgumentException(
            "leaf hash "
                + i
                + (hash == null ? " is missing" : " has " + hash.length + " bytes, want 32"));
      }
      System.arraycopy(hash, 0, leaves, i * H, H);
    }
    return new MerkleTree(leaves, n);
  }

  /**
   * A tree over leaf data: each element is hashed as {@code keccak256(0x00 ‖ data)} first.
   *
   * @throws IllegalArgumentException if the list or an element is missing, or there are more than
   *     {@link #MAX_LEAVES}
   */
  public static MerkleTree fromLeafData(List<byte[]> leafData) {
    if (leafData == null) {
      throw new IllegalArgumentException("leaf data is missing");
    }
    int n = checkCount(leafData.size());
    byte[] leaves = new byte[n * H];
    KeccakDigest digest = new KeccakDigest(256);
    int i = 0;
    for (byte[] data : leafData) {
      if (data == null) {
        throw new IllegalArgumentException("leaf data " + i + " is missing");
      }
      digest.update(MerkleHasher.LEAF_PREFIX);
      digest.update(data, 0, data.length);
      digest.doFinal(leaves, i++ * H);
    }
    return new MerkleTree(leaves, n);
  }

  /** Number of leaves. */
  public long size() {
    return size;
  }

  /** The tree head, {@code MTH(D[size])}; {@link MerkleHasher#emptyRoot()} for no leaves. */
  public Bytes32 root() {
    return size == 0 ? MerkleHasher.emptyRoot() : new Bytes32(node(levels.length - 1, 0));
  }

  /**
   * The root of the tree made of the first {@code prefixSize} leaves, {@code MTH(D[0:prefixSize])}:
   * what the append-only log's root was when it had that many leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 <= prefixSize <= size()}
   */
  public Bytes32 rootAt(long prefixSize) {
    checkTreeSize(prefixSize);
    return prefixSize == 0 ? MerkleHasher.emptyRoot() : new Bytes32(subtreeHash(0, prefixSize));
  }

  /**
   * The hash of leaf {@code index}.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
   */
  public Bytes32 leafHash(long index) {
    checkIndex(index, size);
    return new Bytes32(node(0, (int) index));
  }

  /**
   * The inclusion proof of leaf {@code index} in this tree.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
   */
  public InclusionProof inclusionProof(long index) {
    return inclusionProof(index, size);
  }

  /**
   * The inclusion proof of leaf {@code index} in the prefix tree of {@code treeSize} leaves (RFC
   * 9162 §2.1.3.1 {@code PATH(index, D[0:treeSize])}), to be checked against {@link #rootAt(long)
   * rootAt(treeSize)}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= treeSize <= size()}
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < treeSize}
   */
  public InclusionProof inclusionProof(long index, long treeSize) {
    checkTreeSize(treeSize);
    checkIndex(index, treeSize);
    List<Bytes32> path = new ArrayList<>(64);
    addPath(index, 0, treeSize, path);
    return new InclusionProof(index, treeSize, path);
  }

  /**
   * The consistency proof from the prefix of {@code oldSize} leaves to this whole tree.
   *
   * @throws IllegalArgumentException unless {@code 0 <= oldSize <= size()}
   */
  public ConsistencyProof consistencyProof(long oldSize) {
    return consistencyProof(oldSize, size);
  }

  /**
   * The consistency proof between two prefixes of this tree (RFC 9162 §2.1.4.1 {@code
   * PROOF(oldSize, D[0:newSize])}); empty when {@code oldSize} is 0 or equals {@code newSize}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= oldSize <= newSize <= size()}
   */
  public ConsistencyProof consistencyProof(long oldSize, long newSize) {
    checkTreeSize(newSize);
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "old size " + oldSize + " out of range for new size " + newSize);
    }
    List<Bytes32> path = new ArrayList<>(64);
    if (oldSize > 0 && oldSize < newSize) {
      addSubproof(oldSize, 0, newSize, true, path);
    }
    return new ConsistencyProof(oldSize, newSize, path);
  }

  @Override
  public String toString() {
    return "MerkleTree[size=" + size + ", root=" + root() + "]";
  }

  // ---- building ----

  private static byte[][] buildLevels(byte[] leaves, int n) {
    int height = ceilLog2(Math.max(n, 1));
    byte[][] levels = new byte[height + 1][];
    levels[0] = leaves;
    KeccakDigest digest = new KeccakDigest(256);
    int m = n;
    for (int h = 1; h <= height; h++) {
      byte[] below = levels[h - 1];
      int pairs = m >>> 1;
      int parents = (m + 1) >>> 1;
      byte[] level = new byte[parents * H];
      for (int i = 0, in = 0, out = 0; i < pairs; i++, in += 2 * H, out += H) {
        digest.update(MerkleHasher.NODE_PREFIX);
        digest.update(below, in, 2 * H); // left ‖ right, adjacent in the level below
        digest.doFinal(level, out);
      }
      if ((m & 1) != 0) {
        System.arraycopy(below, (m - 1) * H, level, pairs * H, H); // promote, never duplicate
      }
      levels[h] = level;
      m = parents;
    }
    return levels;
  }

  // ---- proofs, with index arithmetic in place of the RFC's list slicing ----

  /** RFC 9162 {@code PATH(m, D[start:end])}, appended bottom first. */
  private void addPath(long m, long start, long end, List<Bytes32> out) {
    if (end - start == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(end - start);
    if (m < start + k) {
      addPath(m, start, start + k, out);
      out.add(new Bytes32(subtreeHash(start + k, end)));
    } else {
      addPath(m, start + k, end, out);
      out.add(new Bytes32(subtreeHash(start, start + k)));
    }
  }

  /** RFC 9162 {@code SUBPROOF(m - start, D[start:end], b)}; {@code start < m <= end}. */
  private void addSubproof(long m, long start, long end, boolean b, List<Bytes32> out) {
    if (m == end) {
      if (!b) {
        out.add(new Bytes32(subtreeHash(start, end)));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(end - start);
    if (m <= start + k) {
      addSubproof(m, start, start + k, b, out);
      out.add(new Bytes32(subtreeHash(start + k, end)));
    } else {
      addSubproof(m, start + k, end, false, out);
      out.add(new Bytes32(subtreeHash(start, start + k)));
    }
  }

  /**
   * {@code MTH(D[start:end])} for a range that occurs in the RFC decomposition of some prefix
   * {@code D[0:p]}, {@code p <= size}: {@code start} is a multiple of the smallest power of two
   * {@code >= end - start}. Complete subtrees, and subtrees ending at the last leaf, are stored
   * nodes; any other range is the right border of a prefix and is hashed from stored nodes.
   */
  private byte[] subtreeHash(long start, long end) {
    long width = end - start;
    int h = ceilLog2(width);
    if (width == 1L << h || end == size) {
      return node(h, (int) (start >>> h));
    }
    long k = 1L << (h - 1);
    return Keccak256.hashPrefixed(
        MerkleHasher.NODE_PREFIX, subtreeHash(start, start + k), subtreeHash(start + k, end));
  }

  private byte[] node(int height, int index) {
    byte[] out = new byte[H];
    System.arraycopy(levels[height], index * H, out, 0, H);
    return out;
  }

  // ---- arithmetic and argument checks ----

  private static int ceilLog2(long n) {
    return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
  }

  private static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static int checkCount(int n) {
    if (n > MAX_LEAVES) {
      throw new IllegalArgumentException("too many leaves " + n + ", want at most " + MAX_LEAVES);
    }
    return n;
  }

  private void checkTreeSize(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " out of range for a tree of " + size + " leaves");
    }
  }

  private static void checkIndex(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IndexOutOfBoundsException(
          "leaf index " + index + " out of range for tree size " + treeSize);
    }
  }
}
