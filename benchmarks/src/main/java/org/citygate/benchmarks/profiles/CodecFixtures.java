package org.citygate.benchmarks.profiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citygate.profiles.codec.SignedReading;
import org.citygate.profiles.load.BuiltInProfiles;
import org.citygate.profiles.load.LoadResult;
import org.citygate.profiles.load.ProfileLoader;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.sign.DeviceKey;
import org.citygate.profiles.sign.SigningKey;
import org.citygate.profiles.validate.DeviceState;
import org.citygate.profiles.validate.ReadingOutcome;
import org.citygate.profiles.validate.ReadingValidator;
import org.citygate.profiles.validate.ValidationContext;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * Realistic, deterministic payloads for the codec benchmarks: for each case, {@value #PAYLOADS}
 * payloads of {@value #DEVICES} devices (one reading each, increasing sequence numbers, rising
 * counters, plausible values), each with the gateway's context at its arrival (device clock + 250
 * ms) and the device's state just before it.
 *
 * <p>The states come from validating each device's payloads once, in order, at set-up; every
 * payload is checked to be accepted there. A benchmark can then validate payload {@code i} against
 * {@code states[i]} in any order, as often as it likes, and every check of the gateway's path runs
 * and passes: decode, fields and ranges, sequence unwrapping, the canonical reading, the signature,
 * replay, clock skew and counters. Nothing is reset inside the measured operation.
 */
public final class CodecFixtures {
  /** Payloads per case; a power of two, so a benchmark rotates with a mask. */
  public static final int PAYLOADS = 1_024;

  /** Devices per case; payloads are interleaved device by device, as a gateway receives them. */
  public static final int DEVICES = 16;

  /** 2026-05-28T20:26:40Z, the first device's first reading. */
  static final long T0 = 1_780_000_000_000L;

  /** Arrival delay: the gateway clock when a payload arrives, after the device's clock. */
  static final long DELAY_MILLIS = 250;

  /** The built-in SenML CBOR parking sensor. */
  public static final String RADAR = "citygate/parking-radar-senml@1";

  /** The built-in SenML JSON street-light controller (unsigned). */
  public static final String STREETLIGHT = "citygate/streetlight-controller@1";

  /** The built-in PV inverter, JSON mapping, HMAC-SHA256. */
  public static final String PV = "citygate/pv-inverter-sunspec@1";

  /** The built-in LoRaWAN parking sensor, 7-byte binary layout, 16-bit wrapping sequence. */
  public static final String LORAWAN = "citygate/parking-lorawan-binary@1";

  /** The built-in smart meter, JSON mapping, Ed25519. */
  public static final String METER = "citygate/smart-meter-obis@1";

  /** The built-in mobility app's parking observation, SenML JSON, Ed25519. */
  public static final String MOBILITY = "citygate/mobility-parking-observation@1";

  /** The unsigned variant of the PV inverter profile built by {@link #unsignedPvInverter()}. */
  public static final String PV_UNSIGNED = "citygate/pv-inverter-sunspec-unsigned@1";

  private CodecFixtures() {}

  /** What one device reports as its {@code n}-th reading. */
  @FunctionalInterface
  interface Values {
    List<Measurement> of(DeviceProfile profile, int device, int n);
  }

  /**
   * One benchmark case: payload {@code i} arrives with {@code contexts[i]} from a device whose
   * state is {@code states[i]}; {@code messages[i]} are the canonical bytes of its reading and
   * {@code signatures[i]} their signature (signed profiles), for the raw-crypto baselines.
   */
  public static final class Case {
    /** The profile's validator, the gateway's entry point. */
    public final ReadingValidator validator;

    /** The payloads, as the device sent them. */
    public final byte[][] payloads = new byte[PAYLOADS][];

    /** The gateway's context at each payload's arrival (device id, clock, key). */
    public final ValidationContext[] contexts = new ValidationContext[PAYLOADS];

    /** The device's state before each payload. */
    public final DeviceState[] states = new DeviceState[PAYLOADS];

    /** The canonical bytes of each payload's reading. */
    public final byte[][] messages = new byte[PAYLOADS][];

    /** Each reading's signature, empty for unsigned profiles. */
    public final byte[][] signatures = new byte[PAYLOADS][];

    /** Each payload's device key: Ed25519 public key or HMAC secret; null when unsigned. */
    public final byte[][] keyBytes = new byte[PAYLOADS][];

    Case(DeviceProfile profile) {
      this.validator = new ReadingValidator(profile);
    }

    /** Validates payload {@code i} against the state its device had before it. */
    public ReadingOutcome validate(int i) {
      return validator.validate(payloads[i], contexts[i], states[i]);
    }

    /** Mean payload size in bytes. */
    public double meanPayloadBytes() {
      long total = 0;
      for (byte[] payload : payloads) {
        total += payload.length;
      }
      return (double) total / PAYLOADS;
    }
  }

  /** The case for built-in profile {@code id}, or for {@link #PV_UNSIGNED}. */
  public static Case forProfile(String id) {
    switch (id) {
      case RADAR:
        return build(builtIn(RADAR), 600_000, CodecFixtures::radar);
      case STREETLIGHT:
        return build(builtIn(STREETLIGHT), 900_000, CodecFixtures::streetlight);
      case PV:
        return build(builtIn(PV), 60_000, CodecFixtures::pvInverter);
      case PV_UNSIGNED:
        return build(unsignedPvInverter(), 60_000, CodecFixtures::pvInverter);
      case LORAWAN:
        return build(builtIn(LORAWAN), 900_000, CodecFixtures::lorawan);
      case METER:
        return build(builtIn(METER), 60_000, CodecFixtures::meter);
      case MOBILITY:
        return build(builtIn(MOBILITY), 300_000, CodecFixtures::mobility);
      default:
        throw new IllegalArgumentException("no benchmark case for " + id);
    }
  }

  /**
   * The PV inverter profile without its HMAC: the built-in YAML with {@code signature: none} and no
   * signature pointer, loaded (schema and semantic checks) like any deployment's own file. Every
   * built-in JSON-mapping profile is signed, so this is the unsigned JSON-mapping case.
   */
  public static DeviceProfile unsignedPvInverter() {
    String yaml = new String(BuiltInProfiles.bytes("pv-inverter-sunspec.yaml"), UTF8);
    yaml = replaceOnce(yaml, "id: " + PV + "\n", "id: " + PV_UNSIGNED + "\n");
    yaml = replaceOnce(yaml, "\nsignature: hmac-sha256\n", "\nsignature: none\n");
    yaml = replaceOnce(yaml, "\n  signature: /mac\n", "\n");
    LoadResult result =
        ProfileLoader.load("benchmarks/pv-inverter-sunspec-unsigned.yaml", yaml.getBytes(UTF8));
    if (result instanceof LoadResult.Invalid invalid) {
      throw new IllegalStateException("unsigned PV profile is invalid: " + invalid.errors());
    }
    return ((LoadResult.Loaded) result).profile();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new IllegalStateException("expected exactly one '" + from.strip() + "' in the YAML");
    }
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  private static DeviceProfile builtIn(String id) {
    return BuiltInProfiles.byId(id).orElseThrow(() -> new IllegalStateException("no " + id));
  }

  /**
   * Builds the case: reading 0 of each device primes its state (it is not among the payloads), then
   * readings 1..{@code PAYLOADS / DEVICES} are the payloads, interleaved by device.
   */
  private static Case build(DeviceProfile profile, long intervalMillis, Values values) {
    Case c = new Case(profile);
    boolean deviceClock = hasDeviceClock(profile);
    boolean wholeSeconds =
        profile.codec() instanceof CodecSpec.Json json
            && json.timeFormat() == CodecSpec.TimeFormat.EPOCH_SECONDS;
    int perDevice = PAYLOADS / DEVICES;
    for (int device = 0; device < DEVICES; device++) {
      String deviceId = deviceId(profile, device);
      byte[] seed = keySeed(profile, device);
      Optional<SigningKey> key = key(profile, seed);
      byte[] keyBytes =
          key.map(k -> k.deviceKey() instanceof DeviceKey.Ed25519 ed ? ed.encoded() : seed.clone())
              .orElse(null);
      long seq0 = 65_400L + 9L * device; // the LoRaWAN 16-bit counters of devices 8.. wrap
      DeviceState state = DeviceState.INITIAL;
      for (int n = 0; n <= perDevice; n++) {
        long deviceTime = T0 + n * intervalMillis + device * 37_011L;
        if (wholeSeconds) {
          deviceTime -= Math.floorMod(deviceTime, 1000L);
        } else {
          deviceTime += (n * 7L) % 1000; // milliseconds on the wire
        }
        long now = deviceTime + DELAY_MILLIS;
        long time = deviceClock ? deviceTime : now;
        CanonicalReading reading =
            new CanonicalReading(
                profile.id(), deviceId, seq0 + n, time, values.of(profile, device, n));
        byte[] message = reading.toCanonicalBytes();
        byte[] signature = key.map(k -> k.sign(message)).orElse(new byte[0]);
        byte[] payload =
            c.validator
                .codec()
                .encode(
                    List.of(
                        key.isPresent()
                            ? SignedReading.signed(reading, signature)
                            : SignedReading.unsigned(reading)));
        ValidationContext context = ValidationContext.of(deviceId, now);
        if (key.isPresent()) {
          context = context.withKey(key.get().deviceKey());
        }
        ReadingOutcome outcome = c.validator.validate(payload, context, state);
        if (!(outcome instanceof ReadingOutcome.Accepted accepted)) {
          throw new IllegalStateException(
              profile.id() + " fixture payload rejected: " + outcome + " for " + reading);
        }
        if (!accepted.readings().equals(List.of(reading))) {
          throw new IllegalStateException(
              profile.id() + " fixture reading changed: " + accepted.readings() + " vs " + reading);
        }
        if (n > 0) {
          int i = (n - 1) * DEVICES + device;
          c.payloads[i] = payload;
          c.contexts[i] = context;
          c.states[i] = state;
          c.messages[i] = message;
          c.signatures[i] = signature;
          c.keyBytes[i] = keyBytes;
        }
        state = accepted.state();
      }
    }
    return c;
  }

  private static boolean hasDeviceClock(DeviceProfile profile) {
    if (profile.codec() instanceof CodecSpec.Binary binary) {
      return binary.layout().stream().anyMatch(s -> s.name().equals(CodecSpec.Segment.TIME));
    }
    if (profile.codec() instanceof CodecSpec.Json json) {
      return json.time().isPresent();
    }
    return true;
  }

  private static String deviceId(DeviceProfile profile, int device) {
    String kind = profile.kind().name().toLowerCase(java.util.Locale.ROOT);
    return String.format(java.util.Locale.ROOT, "%s-%05d", kind, 10_417 + device * 131);
  }

  /** A fixed per-device Ed25519 seed or HMAC secret (test keys, never real ones). */
  private static byte[] keySeed(DeviceProfile profile, int device) {
    byte[] seed = new byte[32];
    seed[0] = (byte) device;
    seed[1] = (byte) profile.id().hashCode();
    seed[31] = 0x5a;
    return seed;
  }

  /** The device's signing key for the profile's scheme, from its seed (the HMAC secret). */
  private static Optional<SigningKey> key(DeviceProfile profile, byte[] seed) {
    switch (profile.signature()) {
      case ED25519:
        return Optional.of(SigningKey.ed25519(seed));
      case HMAC_SHA256:
        return Optional.of(SigningKey.hmac(seed));
      default:
        return Optional.empty();
    }
  }

  // --- realistic values per profile; canonical (after scale and offset) and normalised ---

  private static List<Measurement> radar(DeviceProfile p, int device, int n) {
    return List.of(
        flag(p, "occupied", ((n + device) / 3) % 2 == 0),
        number(p, "battery", dec(3_600 - n / 8 - device, 3)),
        number(p, "temperature", dec(124 + (n * 3 + device) % 40, 1)));
  }

  private static List<Measurement> streetlight(DeviceProfile p, int device, int n) {
    boolean on = (n / 16) % 2 == 0;
    int dim = on ? 40 + (n * 5 + device) % 60 : 0;
    return List.of(
        flag(p, "on", on),
        number(p, "dim", dec(dim, 0)),
        number(p, "power", dec(on ? 2_000 + dim * 11 + device : 13, 1)),
        number(p, "energy", dec(15_382_450L + device * 9_001L + n * 51_137L, 3)),
        text(p, "lamp_fault", "none"));
  }

  private static List<Measurement> pvInverter(DeviceProfile p, int device, int n) {
    return List.of(
        number(p, "ac_power", dec(41_235 + (n * 97 + device * 13) % 9_000, 1)),
        number(p, "energy_total", dec(28_431_100L + device * 7_919L + n * 69L, 0)),
        text(p, "status", "mppt"),
        number(p, "ac_voltage", dec(2_300 + (n + device) % 80, 1)),
        number(p, "heatsink_temperature", dec(412 + (n * 7) % 60, 1)));
  }

  private static List<Measurement> lorawan(DeviceProfile p, int device, int n) {
    return List.of(
        flag(p, "occupied", ((n + device) / 5) % 2 == 1),
        number(p, "battery", dec(3_612 - n / 4 - device * 3, 3)),
        number(p, "temperature", dec(8 + (n + device) % 20, 0)));
  }

  private static List<Measurement> meter(DeviceProfile p, int device, int n) {
    return List.of(
        number(p, "energy_import", dec(12_345_678L + device * 1_000_003L + n * 37L, 0)),
        number(p, "energy_export", dec(2_345_601L + device * 100_019L + n * 11L, 0)),
        number(p, "power_import", dec(1_234 + (n * 17 + device) % 900, 0)),
        number(p, "power_export", dec(0, 0)),
        number(p, "voltage_l1", dec(2_291 + (n + device) % 30, 1)));
  }

  private static List<Measurement> mobility(DeviceProfile p, int device, int n) {
    return List.of(
        text(p, "cell", String.format(java.util.Locale.ROOT, "8a1f%09xfff", 0x1a2b3c + n)),
        number(p, "slot", dec((n * 13 + device) % 400, 0)),
        flag(p, "taken", (n + device) % 3 != 0));
  }

  private static MeasurementValue.Decimal dec(long unscaled, int scale) {
    return MeasurementValue.Decimal.of(java.math.BigDecimal.valueOf(unscaled, scale));
  }

  private static Measurement number(DeviceProfile p, String name, MeasurementValue value) {
    return new Measurement(name, unit(p, name), value);
  }

  private static Measurement flag(DeviceProfile p, String name, boolean value) {
    return new Measurement(name, unit(p, name), new MeasurementValue.Flag(value));
  }

  private static Measurement text(DeviceProfile p, String name, String value) {
    return new Measurement(name, unit(p, name), new MeasurementValue.Text(value));
  }

  private static String unit(DeviceProfile p, String name) {
    return p.field(name).map(FieldSpec::unit).orElseThrow(() -> new IllegalStateException(name));
  }

  /** Every case's payloads, for a quick look: {@code profile id, mean bytes, first payload}. */
  static List<String> describe() {
    List<String> out = new ArrayList<>();
    for (String id : List.of(RADAR, STREETLIGHT, PV_UNSIGNED, PV, LORAWAN, METER, MOBILITY)) {
      Case c = forProfile(id);
      out.add(id + " " + c.meanPayloadBytes() + " B: " + show(c.payloads[0]));
    }
    return out;
  }

  private static String show(byte[] payload) {
    String text = new String(payload, UTF8);
    return text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)
        ? text
        : org.bouncycastle.util.encoders.Hex.toHexString(payload);
  }

  /**
   * Prints one payload of each case (a development aid: {@code java -cp benchmarks.jar
   * org.citygate.benchmarks.profiles.CodecFixtures}).
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    describe().forEach(System.out::println);
  }
}
