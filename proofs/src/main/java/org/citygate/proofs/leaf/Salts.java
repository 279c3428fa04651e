package org.citygate.proofs.leaf;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.citygate.proofs.hash.Bytes32;

/**
 * Per-reading salts: {@code HMAC-SHA256(subjectKey, readingId)}.
 *
 * <p>The subject is the device, or the person behind it for mobility data. Deleting a subject's key
 * and data erases them: their salts can no longer be recomputed, and every other proof stays valid
 * because it holds only hashes. The reading id is {@code deviceId + "/" + deviceSeq} in UTF-8.
 */
public final class Salts {
  private Salts() {}

  /** The reading id that the salt is derived from. */
  public static String readingId(String deviceId, long deviceSeq) {
    return deviceId + "/" + deviceSeq;
  }

  /** {@code HMAC-SHA256(subjectKey, UTF-8 readingId)}. */
  public static Bytes32 derive(byte[] subjectKey, String readingId) {
    if (subjectKey == null || subjectKey.length < 16) {
      throw new IllegalArgumentException("a subject key needs at least 16 bytes");
    }
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(subjectKey));
    byte[] input = readingId.getBytes(StandardCharsets.UTF_8);
    mac.update(input, 0, input.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return new Bytes32(out);
  }
}
