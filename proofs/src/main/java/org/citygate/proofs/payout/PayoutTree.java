package org.citygate.proofs.payout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;

/**
 * A payout Merkle tree built exactly as OpenZeppelin's {@code StandardMerkleTree.of(values, types)}
 * builds it (with the default {@code sortLeaves: true}), so its root and proofs match the
 * {@code @openzeppelin/merkle-tree} package and verify with OpenZeppelin's {@code
 * MerkleProof.verify} on chain.
 *
 * <p>The algorithm, step by step:
 *
 * <ol>
 *   <li>Hash each leaf ({@link PayoutLeaf#hash()}, double keccak of the ABI encoding).
 *   <li>Sort the leaf hashes ascending as unsigned bytes (stable, though with distinct accounts the
 *       hashes are distinct).
 *   <li>Lay out a complete binary tree in an array of length {@code 2n - 1}: leaf {@code i} of the
 *       sorted list goes at index {@code 2n - 2 - i} (so the leaves fill the end of the array in
 *       reverse), and each inner node {@code i}, from {@code n - 2} down to 0, is {@code
 *       hashPair(tree[2i + 1], tree[2i + 2])}, where {@code hashPair(a, b) = keccak256(min(a, b) ‖
 *       max(a, b))}.
 *   <li>The root is {@code tree[0]}; with one leaf it is that leaf's hash.
 *   <li>A proof lists the siblings from the leaf up: the sibling of {@code i} is {@code i + 1} when
 *       {@code i} is odd and {@code i - 1} when even; the parent is {@code (i - 1) / 2}.
 * </ol>
 *
 * <p>This is not the RFC 6962 shape used for the reading and epoch logs: pairs are sorted (so a
 * proof does not bind a position) and the tree is not left-balanced. That is safe here because a
 * payout leaf is found by its content (chain, distributor, pool, epoch, account), not by its index,
 * and each account appears at most once per tree, which the builder enforces.
 *
 * <p>A tree is one pool's payout root for one epoch: every leaf has the same {@code (chainId,
 * distributor, pool, epoch)}, which the builder also enforces. The contract rebuilds each leaf from
 * its own chain id and address and the pool and epoch of the root it checks against, so a leaf with
 * any other context could never be claimed; it would only make {@link #totalCumulative()} promise
 * money nobody can collect.
 */
public final class PayoutTree {
  private final List<PayoutLeaf> leaves;
  private final byte[][] tree;
  private final int[] treeIndex; // input index -> array position
  private final Map<PayoutLeaf, Integer> inputIndex;
  private final BigInteger totalCumulative;

  private PayoutTree(List<PayoutLeaf> leaves, byte[][] tree, int[] treeIndex) {
    this.leaves = leaves;
    this.tree = tree;
    this.treeIndex = treeIndex;
    BigInteger total = BigInteger.ZERO;
    for (PayoutLeaf leaf : leaves) {
      total = total.add(leaf.cumulativeAmount());
    }
    this.totalCumulative = total;
    this.inputIndex = new HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      inputIndex.put(leaves.get(i), i);
    }
  }

  /**
   * Builds the tree over {@code leaves} (in any order; the layout depends only on the set).
   *
   * @throws IllegalArgumentException when {@code leaves} is empty, mixes contexts (a leaf whose
   *     chain id, distributor, pool or epoch differs from leaf 0's), or names an account twice
   */
  public static PayoutTree of(List<PayoutLeaf> leaves) {
    if (leaves == null || leaves.isEmpty()) {
      throw new IllegalArgumentException("a payout tree needs at least one leaf");
    }
    List<PayoutLeaf> copy = List.copyOf(leaves); // also rejects null elements
    int n = copy.size();
    PayoutLeaf first = copy.get(0);
    for (int i = 1; i < n; i++) {
      String mismatch = contextMismatch(first, copy.get(i));
      if (mismatch != null) {
        throw new IllegalArgumentException(
            "payout leaf "
                + i
                + " (account "
                + copy.get(i).account()
                + ") has "
                + mismatch
                + "; a payout tree is one (chainId, distributor, pool, epoch): build one tree"
                + " per pool and epoch");
      }
    }
    Map<Address, Integer> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Integer previous = seen.putIfAbsent(copy.get(i).account(), i);
      if (previous != null) {
        throw new IllegalArgumentException(
            "account "
                + copy.get(i).account()
                + " appears twice in the payout tree (leaves "
                + previous
                + " and "
                + i
                + "); give each account one leaf with its cumulative amount");
      }
    }

    byte[][] hashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      hashes[i] = copy.get(i).hash().bytes();
    }
    int[] treeIndex = new int[n];
    byte[][] tree = layout(hashes, treeIndex);
    return new PayoutTree(copy, tree, treeIndex);
  }

  /**
   * The first field of {@code leaf}'s context that differs from {@code first}'s, as "pool REWARDS
   * where leaf 0 has ENERGY", or null when the contexts are equal.
   */
  private static String contextMismatch(PayoutLeaf first, PayoutLeaf leaf) {
    if (!leaf.chainId().equals(first.chainId())) {
      return differs("chainId", leaf.chainId(), first.chainId());
    }
    if (!leaf.distributor().equals(first.distributor())) {
      return differs("distributor", leaf.distributor(), first.distributor());
    }
    if (leaf.pool() != first.pool()) {
      return differs("pool", leaf.pool(), first.pool());
    }
    if (leaf.epoch() != first.epoch()) {
      return differs("epoch", leaf.epoch(), first.epoch());
    }
    return null;
  }

  private static String differs(String field, Object value, Object first) {
    return field + " " + value + " where leaf 0 has " + first;
  }

  /**
   * OpenZeppelin's {@code StandardMerkleTree.of} layout over leaf hashes given in input order:
   * returns the node array and writes each input leaf's array position into {@code treeIndex}.
   */
  static byte[][] layout(byte[][] leafHashes, int[] treeIndex) {
    int n = leafHashes.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Arrays.sort on objects is stable, like JavaScript's Array.prototype.sort.
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(leafHashes[a], leafHashes[b]));
    int length = 2 * n - 1;
    byte[][] tree = new byte[length][];
    for (int sorted = 0; sorted < n; sorted++) {
      int position = length - 1 - sorted;
      tree[position] = leafHashes[order[sorted]];
      treeIndex[order[sorted]] = position;
    }
    for (int i = length - 1 - n; i >= 0; i--) {
      tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
    }
    return tree;
  }

  /** The root, {@code tree[0]}. */
  public Bytes32 root() {
    return new Bytes32(tree[0]);
  }

  /** The number of leaves. */
  public int size() {
    return leaves.size();
  }

  /**
   * The sum of the leaves' cumulative amounts: the {@code totalCumulative} to post with {@link
   * #root()} ({@code PayoutDistributor.postRoot}). Exact; a sum above 2<sup>256</sup> − 1 cannot be
   * posted (nor funded).
   */
  public BigInteger totalCumulative() {
    return totalCumulative;
  }

  /** The leaves in the order they were given. */
  public List<PayoutLeaf> leaves() {
    return leaves;
  }

  /**
   * The whole node array, root first, leaves at the end in reverse sorted order: the same array as
   * {@code StandardMerkleTree.dump().tree}.
   */
  public List<Bytes32> nodes() {
    List<Bytes32> out = new ArrayList<>(tree.length);
    for (byte[] node : tree) {
      out.add(new Bytes32(node));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The array position of the leaf given at {@code indexInInput}, as {@code treeIndex} in a dump.
   */
  public int treeIndex(int indexInInput) {
    checkIndex(indexInInput);
    return treeIndex[indexInInput];
  }

  /**
   * The proof for the leaf given at {@code indexInInput}: sibling hashes from the leaf up to (not
   * including) the root. Empty for a one-leaf tree.
   */
  public List<Bytes32> proof(int indexInInput) {
    checkIndex(indexInInput);
    List<Bytes32> proof = new ArrayList<>();
    int i = treeIndex[indexInInput];
    while (i > 0) {
      int sibling = (i % 2 == 1) ? i + 1 : i - 1;
      proof.add(new Bytes32(tree[sibling]));
      i = (i - 1) / 2;
    }
    return Collections.unmodifiableList(proof);
  }

  /**
   * The proof for {@code leaf}, which must be one of the leaves the tree was built from.
   *
   * @throws IllegalArgumentException when the leaf is not in the tree
   */
  public List<Bytes32> proof(PayoutLeaf leaf) {
    Integer index = inputIndex.get(leaf);
    if (index == null) {
      throw new IllegalArgumentException("leaf is not in the payout tree: " + leaf);
    }
    return proof(index);
  }

  /**
   * OpenZeppelin's {@code MerkleProof.verify}: folds {@code proof} onto {@code leafHash} with
   * sorted-pair hashing and compares the result with {@code root}.
   */
  public static boolean verify(Bytes32 root, Bytes32 leafHash, List<Bytes32> proof) {
    if (root == null || leafHash == null || proof == null) {
      return false;
    }
    byte[] computed = leafHash.bytes();
    for (Bytes32 sibling : proof) {
      if (sibling == null) {
        return false;
      }
      computed = hashPair(computed, sibling.bytes());
    }
    return Arrays.equals(computed, root.bytes());
  }

  /** {@code keccak256(min(a, b) ‖ max(a, b))}, comparing as unsigned bytes. */
  static byte[] hashPair(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) <= 0 ? Keccak256.hash(a, b) : Keccak256.hash(b, a);
  }

  private void checkIndex(int indexInInput) {
    if (indexInInput < 0 || indexInInput >= leaves.size()) {
      throw new IndexOutOfBoundsException(
          "leaf index " + indexInInput + " out of range for a tree of " + leaves.size());
    }
  }
}
