package org.citygate.proofs.hash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A 20-byte EVM account or contract address.
 *
 * <p>Printed with the EIP-55 mixed-case checksum. Parsing accepts all-lower or all-upper hex, and
 * mixed case only when the checksum is right, so a mistyped address is caught.
 */
public record Address(byte[] bytes) {
  /** The zero address. */
  public static final Address ZERO = new Address(new byte[20]);

  /** Validates the length and takes a defensive copy. */
  public Address {
    if (bytes == null) {
      throw new IllegalArgumentException("address is missing");
    }
    if (bytes.length != 20) {
      throw new IllegalArgumentException(
          "wrong address length " + bytes.length + " bytes, want 20");
    }
    bytes = bytes.clone();
  }

  /** Parses a {@code 0x}-prefixed address, checking the EIP-55 checksum when the case is mixed. */
  public static Address fromHex(String hex) {
    Address address = new Address(Hex.decode(hex, 20, "address"));
    String digits = hex.substring(2);
    boolean mixed = !digits.equals(digits.toLowerCase()) && !digits.equals(digits.toUpperCase());
    if (mixed && !address.toString().substring(2).equals(digits)) {
      throw new IllegalArgumentException(
          "address " + hex + " has a wrong EIP-55 checksum, want " + address);
    }
    return address;
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The address as a 32-byte ABI word (left-padded with zeros). */
  public byte[] toWord() {
    byte[] word = new byte[32];
    System.arraycopy(bytes, 0, word, 12, 20);
    return word;
  }

  /** EIP-55 checksummed form, e.g. {@code 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266}. */
  @Override
  public String toString() {
    String lower = Hex.encode(bytes).substring(2);
    byte[] hash = Keccak256.hash(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Address that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
