package org.citygate.proofs.leaf;

/**
 * The tag that starts every typed leaf's ABI encoding, so that a leaf of one kind can never be
 * passed off as another: a batch leaf offered where a reading leaf is expected decodes to a
 * different tag and hashes differently.
 */
public enum LeafType {
  /** A reading in a gateway's batch tree. */
  READING(0x01),
  /** A gateway batch in the city-wide epoch log. */
  BATCH(0x02);

  private final int tag;

  LeafType(int tag) {
    this.tag = tag;
  }

  /** The uint8 tag. */
  public int tag() {
    return tag;
  }
}
