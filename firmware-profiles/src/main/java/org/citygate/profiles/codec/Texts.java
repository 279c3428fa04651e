package org.citygate.profiles.codec;

import org.citygate.profiles.RejectReason;

/** Checks on texts from payloads. */
public final class Texts {
  private Texts() {}

  /**
   * Checks {@code text} is well-formed Unicode: a JSON {@code \ud800} escape decodes to an unpaired
   * surrogate, which has no UTF-8 form and so no canonical bytes.
   */
  public static String wellFormed(String text, String field) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new Reject(RejectReason.MALFORMED, field, "text has an unpaired surrogate at " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new Reject(RejectReason.MALFORMED, field, "text has an unpaired surrogate at " + i);
      }
    }
    return text;
  }
}
