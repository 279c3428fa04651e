package org.citygate.profiles.sign;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.Arrays;

/**
 * Checks device signatures over canonical reading bytes, with BouncyCastle (its Ed25519 is many
 * times faster than the JDK's). Pure: no state, no key store.
 */
public final class ReadingSignatures {
  private ReadingSignatures() {}

  /**
   * Whether {@code signature} is {@code key}'s signature of {@code message}. A signature of the
   * wrong length is simply invalid.
   */
  public static boolean verify(DeviceKey key, byte[] message, byte[] signature) {
    if (key instanceof DeviceKey.Ed25519 ed) {
      return signature.length == 64
          && ed.parameters()
              .verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }
    DeviceKey.Hmac hmac = (DeviceKey.Hmac) key;
    return signature.length == 32
        && Arrays.constantTimeAreEqual(hmac(hmac.secret(), message), signature);
  }

  static byte[] hmac(byte[] secret, byte[] message) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(secret));
    mac.update(message, 0, message.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }
}
