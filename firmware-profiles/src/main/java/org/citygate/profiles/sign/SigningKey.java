package org.citygate.profiles.sign;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.citygate.profiles.model.SignatureScheme;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * What a device (or the simulator playing one) signs its readings with. The signature covers the
 * reading's canonical bytes ({@link CanonicalReading#toCanonicalBytes()}), so it does not depend on
 * the transport encoding.
 */
public sealed interface SigningKey {
  /** The scheme this key signs with. */
  SignatureScheme scheme();

  /** The key the gateway needs to check this key's signatures. */
  DeviceKey deviceKey();

  /** Signs {@code message}. */
  byte[] sign(byte[] message);

  /** Signs a reading's canonical bytes. */
  default byte[] sign(CanonicalReading reading) {
    return sign(reading.toCanonicalBytes());
  }

  /** An Ed25519 private key from its 32-byte seed. */
  static SigningKey ed25519(byte[] seed) {
    return new Ed25519(seed);
  }

  /** A fresh Ed25519 key pair. */
  static SigningKey generateEd25519(SecureRandom random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new Ed25519(seed);
  }

  /** An HMAC-SHA256 key. */
  static SigningKey hmac(byte[] secret) {
    return new Hmac(secret);
  }

  /** An Ed25519 private key. */
  final class Ed25519 implements SigningKey {
    private final Ed25519PrivateKeyParameters key;
    private final DeviceKey.Ed25519 publicKey;

    private Ed25519(byte[] seed) {
      if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
        throw new IllegalArgumentException("Ed25519 seed is " + seed.length + " bytes, want 32");
      }
      this.key = new Ed25519PrivateKeyParameters(seed, 0);
      this.publicKey = new DeviceKey.Ed25519(key.generatePublicKey().getEncoded());
    }

    @Override
    public SignatureScheme scheme() {
      return SignatureScheme.ED25519;
    }

    @Override
    public DeviceKey deviceKey() {
      return publicKey;
    }

    @Override
    public byte[] sign(byte[] message) {
      byte[] signature = new byte[64];
      key.sign(
          org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519,
          null,
          message,
          0,
          message.length,
          signature,
          0);
      return signature;
    }

    @Override
    public String toString() {
      return "SigningKey.Ed25519[public " + publicKey + "]";
    }
  }

  /** An HMAC-SHA256 secret. */
  final class Hmac implements SigningKey {
    private final DeviceKey.Hmac key;

    private Hmac(byte[] secret) {
      this.key = new DeviceKey.Hmac(secret);
    }

    @Override
    public SignatureScheme scheme() {
      return SignatureScheme.HMAC_SHA256;
    }

    @Override
    public DeviceKey deviceKey() {
      return key;
    }

    @Override
    public byte[] sign(byte[] message) {
      return ReadingSignatures.hmac(key.secret(), message);
    }

    @Override
    public String toString() {
      return "SigningKey.Hmac";
    }
  }
}
