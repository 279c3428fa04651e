package org.citygate.profiles.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.codec.SignedReading;
import org.citygate.profiles.load.BuiltInProfiles;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.testing.Keys;
import org.citygate.profiles.validate.DeviceState;
import org.citygate.profiles.validate.ReadingOutcome;
import org.citygate.profiles.validate.ReadingValidator;
import org.citygate.profiles.validate.ValidationContext;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;
import org.junit.jupiter.api.Test;

/** Device signatures: known answers, tampering, wrong keys, replays of signed readings. */
class ReadingSignaturesTest {
  static final long NOW = 1_780_000_000_000L;

  /** RFC 8032 §7.1 TEST 1: empty message. */
  @Test
  void ed25519KnownAnswer() {
    HexFormat hex = HexFormat.of();
    SigningKey key =
        SigningKey.ed25519(
            hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertArrayEquals(
        hex.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
        ((DeviceKey.Ed25519) key.deviceKey()).encoded());
    byte[] sig = key.sign(new byte[0]);
    assertArrayEquals(
        hex.parseHex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        sig);
    assertTrue(ReadingSignatures.verify(key.deviceKey(), new byte[0], sig));
  }

  /** RFC 4231 test case 2: HMAC-SHA256 with key "Jefe" (padded here to 16 bytes is not the RFC). */
  @Test
  void hmacKnownAnswer() {
    // RFC 4231 test case 1: key = 20 bytes of 0x0b, data = "Hi There"
    byte[] keyBytes = new byte[20];
    java.util.Arrays.fill(keyBytes, (byte) 0x0b);
    SigningKey key = SigningKey.hmac(keyBytes);
    assertArrayEquals(
        HexFormat.of().parseHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        key.sign("Hi There".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void wrongLengthsAndKeysAreInvalidNotErrors() {
    SigningKey ed = Keys.ed25519(1);
    byte[] message = {1, 2, 3};
    byte[] sig = ed.sign(message);
    assertFalse(ReadingSignatures.verify(ed.deviceKey(), message, new byte[63]));
    assertFalse(ReadingSignatures.verify(Keys.ed25519(2).deviceKey(), message, sig));
    assertFalse(ReadingSignatures.verify(Keys.hmac(1).deviceKey(), message, new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> new DeviceKey.Ed25519(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> new DeviceKey.Hmac(new byte[8]));
    assertEquals("Hmac[32 bytes]", Keys.hmac(1).deviceKey().toString(), "never prints the secret");
  }

  @Test
  void signatureCoversTheCanonicalReadingNotTheEncoding() {
    DeviceProfile meter = BuiltInProfiles.byId("citygate/smart-meter-obis@1").orElseThrow();
    SigningKey key = Keys.ed25519(5);
    CanonicalReading reading =
        new CanonicalReading(
            meter.id(),
            "m-9",
            1,
            NOW,
            List.of(
                new Measurement(
                    "energy_import", "Wh", MeasurementValue.Decimal.of(new BigDecimal(1500))),
                new Measurement(
                    "energy_export", "Wh", MeasurementValue.Decimal.of(BigDecimal.ZERO))));
    ReadingValidator validator = new ReadingValidator(meter);
    byte[] payload =
        validator.codec().encode(List.of(SignedReading.signed(reading, key.sign(reading))));
    // The same JSON re-ordered and re-spaced still verifies: the device signed the reading.
    String respaced =
        new String(payload, StandardCharsets.UTF_8).replace(",", " ,\n ").replace("{", "{ ");
    ValidationContext context = ValidationContext.of("m-9", NOW).withKey(key.deviceKey());
    ReadingOutcome.Accepted accepted =
        assertInstanceOf(
            ReadingOutcome.Accepted.class,
            validator.validate(
                respaced.getBytes(StandardCharsets.UTF_8), context, DeviceState.INITIAL));
    assertEquals(List.of(reading), accepted.readings());
    // Replaying it against the state it produced is a replay, even though the signature is valid.
    ReadingOutcome replay = validator.validate(payload, context, accepted.state());
    assertEquals(RejectReason.REPLAY, ((ReadingOutcome.Rejected) replay).rejection().reason());
    // No key registered: rejected; a key of the other scheme: rejected.
    assertEquals(
        RejectReason.BAD_SIGNATURE,
        ((ReadingOutcome.Rejected)
                validator.validate(payload, ValidationContext.of("m-9", NOW), DeviceState.INITIAL))
            .rejection()
            .reason());
    assertEquals(
        RejectReason.BAD_SIGNATURE,
        ((ReadingOutcome.Rejected)
                validator.validate(
                    payload,
                    ValidationContext.of("m-9", NOW).withKey(Keys.hmac(5).deviceKey()),
                    DeviceState.INITIAL))
            .rejection()
            .reason());
  }
}
