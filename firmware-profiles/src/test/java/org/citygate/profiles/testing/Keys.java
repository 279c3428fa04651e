package org.citygate.profiles.testing;

import java.util.Optional;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.sign.SigningKey;

/** Fixed device keys for tests: deterministic, so failures reproduce. */
public final class Keys {
  private Keys() {}

  public static SigningKey ed25519(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 0x42;
    return SigningKey.ed25519(seed);
  }

  public static SigningKey hmac(int n) {
    byte[] secret = new byte[32];
    secret[0] = (byte) n;
    secret[31] = 0x24;
    return SigningKey.hmac(secret);
  }

  /** A signing key for the profile's scheme, if it is signed. */
  public static Optional<SigningKey> forProfile(DeviceProfile profile, int n) {
    switch (profile.signature()) {
      case ED25519:
        return Optional.of(ed25519(n));
      case HMAC_SHA256:
        return Optional.of(hmac(n));
      default:
        return Optional.empty();
    }
  }
}
