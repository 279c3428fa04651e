package org.citygate.proofs.hash;

/**
 * Lower-case hexadecimal with a {@code 0x} prefix, the way Ethereum tooling writes bytes.
 *
 * <p>Decoding is strict: the prefix is required, the length must be even and every character must
 * be a hex digit. Errors say what was wrong and where, because these strings come from files that
 * people edit by hand.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Encodes {@code bytes} as {@code 0x}-prefixed lower-case hex. */
  public static String encode(byte[] bytes) {
    char[] out = new char[2 + bytes.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes a {@code 0x}-prefixed hex string; the digits are ASCII {@code 0-9a-fA-F} only.
   *
   * @throws IllegalArgumentException naming the offending position when the text is not hex
   */
  public static byte[] decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("hex string is missing");
    }
    if (!text.startsWith("0x")) {
      throw new IllegalArgumentException("hex string must start with 0x: " + abbreviate(text));
    }
    int digits = text.length() - 2;
    if (digits % 2 != 0) {
      throw new IllegalArgumentException(
          "hex string has an odd number of digits (" + digits + "): " + abbreviate(text));
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(text, 2 + 2 * i);
      int lo = digit(text, 3 + 2 * i);
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** Decodes and checks the length, e.g. {@code decode(s, 32, "salt")}. */
  public static byte[] decode(String text, int expectedLength, String what) {
    byte[] bytes;
    try {
      bytes = decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
    if (bytes.length != expectedLength) {
      throw new IllegalArgumentException(
          what + ": wrong length " + bytes.length + " bytes, want " + expectedLength);
    }
    return bytes;
  }

  private static int digit(String text, int index) {
    char c = text.charAt(index);
    int value =
        c >= '0' && c <= '9'
            ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (value < 0) {
      throw new IllegalArgumentException(
          "not a hex digit '" + text.charAt(index) + "' at position " + index);
    }
    return value;
  }

  private static String abbreviate(String text) {
    return text.length() <= 24 ? "'" + text + "'" : "'" + text.substring(0, 21) + "...'";
  }
}
