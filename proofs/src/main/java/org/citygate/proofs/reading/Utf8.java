package org.citygate.proofs.reading;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: a string with an unpaired surrogate has no encoding and is refused. */
final class Utf8 {
  private Utf8() {}

  /**
   * The UTF-8 bytes of {@code value}.
   *
   * @throws IllegalArgumentException naming {@code what} if {@code value} holds an unpaired
   *     surrogate, which {@link String#getBytes} would silently turn into {@code ?}
   */
  static byte[] encode(String what, String value) {
    try {
      var buffer =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(value));
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " is not valid Unicode (unpaired surrogate)", e);
    }
  }
}
