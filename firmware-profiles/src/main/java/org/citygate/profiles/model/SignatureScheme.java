package org.citygate.profiles.model;

/**
 * How a device signs its readings. The signature always covers the canonical reading bytes
 * (proof-format §4), never the transport encoding; see {@code docs/firmware-profiles.md}.
 */
public enum SignatureScheme {
  /** Unsigned: the transport's own authentication (MQTT credentials, DTLS) is all there is. */
  NONE("none", 0),
  /** HMAC-SHA256 with a per-device secret shared with the gateway: for the cheapest devices. */
  HMAC_SHA256("hmac-sha256", 32),
  /** Ed25519 (RFC 8032) with the device's own key pair; the gateway holds the public key. */
  ED25519("ed25519", 64);

  private final String yamlName;
  private final int signatureLength;

  SignatureScheme(String yamlName, int signatureLength) {
    this.yamlName = yamlName;
    this.signatureLength = signatureLength;
  }

  /** The profile-file spelling, e.g. {@code "hmac-sha256"}. */
  public String yamlName() {
    return yamlName;
  }

  /** Length in bytes of one signature (0 for {@link #NONE}). */
  public int signatureLength() {
    return signatureLength;
  }

  /** The scheme spelt {@code name} in a profile file. */
  public static SignatureScheme fromYaml(String name) {
    for (SignatureScheme scheme : values()) {
      if (scheme.yamlName.equals(name)) {
        return scheme;
      }
    }
    throw new IllegalArgumentException("unknown signature scheme '" + name + "'");
  }
}
