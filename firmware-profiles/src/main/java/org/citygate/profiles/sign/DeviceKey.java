package org.citygate.profiles.sign;

import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.citygate.profiles.model.SignatureScheme;

/**
 * What the gateway holds to check one device's signatures: its Ed25519 public key or its HMAC
 * secret. Keys come from the gateway's device registry, never from profiles.
 */
public sealed interface DeviceKey {
  /** The scheme this key checks. */
  SignatureScheme scheme();

  /** A device's Ed25519 public key (RFC 8032, 32 bytes). */
  final class Ed25519 implements DeviceKey {
    private final byte[] encoded;
    private final Ed25519PublicKeyParameters parameters;

    /**
     * The key with encoding {@code publicKey}.
     *
     * @throws IllegalArgumentException if it is not 32 bytes or not a valid point
     */
    public Ed25519(byte[] publicKey) {
      if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
        throw new IllegalArgumentException(
            "Ed25519 public key is " + publicKey.length + " bytes, want 32");
      }
      this.encoded = publicKey.clone();
      this.parameters = new Ed25519PublicKeyParameters(encoded, 0);
    }

    /** The 32-byte encoding. */
    public byte[] encoded() {
      return encoded.clone();
    }

    Ed25519PublicKeyParameters parameters() {
      return parameters;
    }

    @Override
    public SignatureScheme scheme() {
      return SignatureScheme.ED25519;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ed25519 k && Arrays.equals(encoded, k.encoded);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
      return "Ed25519[" + org.bouncycastle.util.encoders.Hex.toHexString(encoded) + "]";
    }
  }

  /** A device's HMAC-SHA256 secret, shared with the gateway (16 to 64 bytes). */
  final class Hmac implements DeviceKey {
    private final byte[] secret;

    /** The key with {@code secret}; at least 16 bytes. */
    public Hmac(byte[] secret) {
      if (secret.length < 16 || secret.length > 64) {
        throw new IllegalArgumentException(
            "HMAC secret is " + secret.length + " bytes, want 16..64");
      }
      this.secret = secret.clone();
    }

    byte[] secret() {
      return secret;
    }

    @Override
    public SignatureScheme scheme() {
      return SignatureScheme.HMAC_SHA256;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hmac k && Arrays.equals(secret, k.secret);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(secret);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
      return "Hmac[" + secret.length + " bytes]";
    }
  }
}
