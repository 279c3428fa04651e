package org.citygate.profiles.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.citygate.profiles.load.BuiltInProfiles;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.sign.SigningKey;
import org.citygate.profiles.testing.Keys;
import org.citygate.profiles.testing.ReadingGenerator;
import org.citygate.profiles.validate.DeviceState;
import org.citygate.profiles.validate.ReadingOutcome;
import org.citygate.profiles.validate.ReadingValidator;
import org.citygate.profiles.validate.ValidationContext;
import org.citygate.proofs.reading.CanonicalReading;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for every built-in profile, random valid readings encoded by the profile's codec and
 * then decoded and validated come back equal (same canonical bytes), signature included.
 */
class RoundTripTest {
  private static final int CASES = 300;
  private static final long NOW = 1_780_000_000_000L;

  static Stream<DeviceProfile> profiles() {
    return BuiltInProfiles.all().values().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void singleReadingsComeBackEqual(DeviceProfile profile) {
    ReadingValidator validator = new ReadingValidator(profile);
    Optional<SigningKey> key = Keys.forProfile(profile, 1);
    for (int i = 0; i < CASES; i++) {
      ReadingGenerator gen = new ReadingGenerator(profile, i);
      long now = NOW + gen.random().nextInt(1_000_000_000);
      CanonicalReading reading =
          gen.reading("dev-" + i, gen.seq(), gen.time(now, profile.clockSkew().toMillis()));
      byte[] payload = validator.codec().encode(List.of(sign(reading, key)));
      ValidationContext context = context("dev-" + i, now, key);
      ReadingOutcome outcome = validator.validate(payload, context, DeviceState.INITIAL);
      if (outcome instanceof ReadingOutcome.Rejected rejected) {
        fail(
            "case "
                + i
                + ": "
                + rejected.rejection()
                + "\nreading "
                + reading
                + "\npayload "
                + show(payload));
      }
      assertEquals(List.of(reading), ((ReadingOutcome.Accepted) outcome).readings(), "case " + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("senmlProfiles")
  void senmlPacksCarrySeveralReadings(DeviceProfile profile) {
    ReadingValidator validator = new ReadingValidator(profile);
    Optional<SigningKey> key = Keys.forProfile(profile, 2);
    for (int i = 0; i < CASES / 3; i++) {
      ReadingGenerator gen = new ReadingGenerator(profile, 1000 + i);
      int count = 1 + gen.random().nextInt(3);
      long seq = gen.seq();
      long[] times = new long[count];
      for (int r = 0; r < count; r++) {
        times[r] = NOW - 1000L * (count - r) - r;
      }
      List<CanonicalReading> readings = gen.sequence("dev-x", seq, times);
      List<SignedReading> signed = new ArrayList<>();
      for (CanonicalReading reading : readings) {
        signed.add(sign(reading, key));
      }
      byte[] payload = validator.codec().encode(signed);
      ReadingOutcome outcome =
          validator.validate(payload, context("dev-x", NOW, key), DeviceState.INITIAL);
      if (outcome instanceof ReadingOutcome.Rejected rejected) {
        fail("case " + i + ": " + rejected.rejection() + "\npayload " + show(payload));
      }
      ReadingOutcome.Accepted accepted = (ReadingOutcome.Accepted) outcome;
      assertEquals(readings, accepted.readings(), "case " + i);
      assertEquals(seq + count - 1, accepted.state().lastSeq());
    }
  }

  static Stream<DeviceProfile> senmlProfiles() {
    return profiles().filter(p -> p.codec() instanceof CodecSpec.Senml);
  }

  private static SignedReading sign(CanonicalReading reading, Optional<SigningKey> key) {
    return key.map(k -> SignedReading.signed(reading, k.sign(reading)))
        .orElse(SignedReading.unsigned(reading));
  }

  private static ValidationContext context(String device, long now, Optional<SigningKey> key) {
    ValidationContext context = ValidationContext.of(device, now);
    return key.map(k -> context.withKey(k.deviceKey())).orElse(context);
  }

  private static String show(byte[] payload) {
    String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
        ? text
        : org.bouncycastle.util.encoders.Hex.toHexString(payload);
  }
}
