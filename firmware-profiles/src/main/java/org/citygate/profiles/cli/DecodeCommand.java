package org.citygate.profiles.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citygate.profiles.load.BuiltInProfiles;
import org.citygate.profiles.load.LoadResult;
import org.citygate.profiles.load.ProfileLoader;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.SignatureScheme;
import org.citygate.profiles.sign.DeviceKey;
import org.citygate.profiles.validate.DeviceState;
import org.citygate.profiles.validate.Priorities;
import org.citygate.profiles.validate.ReadingOutcome;
import org.citygate.profiles.validate.ReadingValidator;
import org.citygate.profiles.validate.ValidationContext;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code citygate-profiles decode --profile P FILE}: decodes and validates one payload. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes and validates one payload FILE by a profile, as the gateway would, and prints",
      "the canonical readings or the rejection (reason, field, message)."
    })
final class DecodeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = {"-p", "--profile"},
      required = true,
      paramLabel = "P",
      description = "a profile file, or a built-in model id such as citygate/smart-meter-obis@1")
  private String profileName;

  @Parameters(index = "0", paramLabel = "FILE", description = "the payload bytes ('-' reads stdin)")
  private String file;

  @Option(
      names = {"-d", "--device"},
      paramLabel = "ID",
      defaultValue = "device-1",
      description = "the device id the payload came from (default: ${DEFAULT-VALUE})")
  private String deviceId;

  @Option(
      names = "--now",
      paramLabel = "TIME",
      description = "the gateway clock: an ISO-8601 instant or epoch milliseconds (default: now)")
  private String now;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = {
        "the device key, hex or base64url: Ed25519 public key (32 bytes) or HMAC secret.",
        "Without it, a signed profile's signatures are not checked."
      })
  private String key;

  @Option(
      names = "--last-seq",
      paramLabel = "N",
      defaultValue = "-1",
      description = "the device's last accepted sequence number (default: none)")
  private long lastSeq;

  @Option(names = "--hex", description = "FILE holds hex text (spaces and newlines ignored)")
  private boolean hex;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<DeviceProfile> profile = profile(err);
    if (profile.isEmpty()) {
      return ProfilesCommand.UNREADABLE;
    }
    byte[] payload;
    long clock;
    ValidationContext context;
    try {
      payload = payload();
      clock = clock();
      context = ValidationContext.of(deviceId, clock);
      if (key != null) {
        context = context.withKey(deviceKey(profile.get().signature(), bytes(key)));
      } else if (profile.get().isSigned()) {
        context = context.withoutSignatureCheck();
        out.println(
            "note: no --key given, "
                + profile.get().signature().yamlName()
                + " signatures are not checked");
      }
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      err.println("citygate-profiles: " + e.getMessage());
      return ProfilesCommand.UNREADABLE;
    }
    DeviceState state =
        lastSeq < 0 ? DeviceState.INITIAL : new DeviceState(lastSeq, java.util.Map.of());
    ReadingOutcome outcome = new ReadingValidator(profile.get()).validate(payload, context, state);
    if (outcome instanceof ReadingOutcome.Rejected rejected) {
      out.println("rejected: " + rejected.rejection().reason());
      if (!rejected.rejection().field().isEmpty()) {
        out.println("  field:   " + rejected.rejection().field());
      }
      out.println("  message: " + rejected.rejection().message());
      return ProfilesCommand.INVALID;
    }
    ReadingOutcome.Accepted accepted = (ReadingOutcome.Accepted) outcome;
    out.println(
        "accepted: "
            + accepted.readings().size()
            + " reading"
            + (accepted.readings().size() == 1 ? "" : "s")
            + " of "
            + profile.get().id()
            + " from "
            + deviceId);
    for (CanonicalReading reading : accepted.readings()) {
      out.println(
          "reading seq "
              + reading.deviceSeq()
              + " at "
              + Instant.ofEpochMilli(reading.timestampMillis())
              + " ("
              + Priorities.classify(profile.get(), reading).yamlName()
              + " lane)");
      for (Measurement m : reading.measurements()) {
        out.println(
            "  " + m.name() + " = " + m.value() + (m.unit().isEmpty() ? "" : " " + m.unit()));
      }
      out.println("  payloadHash " + reading.payloadHash());
    }
    return ProfilesCommand.OK;
  }

  private Optional<DeviceProfile> profile(PrintWriter err) {
    Path path = Path.of(profileName);
    if (Files.isRegularFile(path)) {
      LoadResult result = ProfileLoader.load(path);
      if (result instanceof LoadResult.Invalid invalid) {
        err.println("citygate-profiles: the profile is invalid:");
        invalid.errors().forEach(e -> err.println("  " + e));
        return Optional.empty();
      }
      return Optional.of(((LoadResult.Loaded) result).profile());
    }
    Optional<DeviceProfile> builtIn = BuiltInProfiles.byId(profileName);
    if (builtIn.isEmpty()) {
      err.println(
          "citygate-profiles: '"
              + profileName
              + "' is neither a profile file nor a built-in model"
              + " id; built-in: "
              + String.join(", ", BuiltInProfiles.all().keySet()));
    }
    return builtIn;
  }

  private byte[] payload() throws IOException {
    byte[] raw = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    if (!hex) {
      return raw;
    }
    String text = new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is not hex: " + e.getMessage(), e);
    }
  }

  private long clock() {
    if (now == null) {
      return System.currentTimeMillis();
    }
    if (now.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(now);
    }
    return Instant.parse(now).toEpochMilli();
  }

  private static byte[] bytes(String text) {
    if (text.matches("(?i)[0-9a-f]+") && text.length() % 2 == 0) {
      return HexFormat.of().parseHex(text);
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--key is neither hex nor base64url", e);
    }
  }

  private static DeviceKey deviceKey(SignatureScheme scheme, byte[] key) {
    switch (scheme) {
      case ED25519:
        return new DeviceKey.Ed25519(key);
      case HMAC_SHA256:
        return new DeviceKey.Hmac(key);
      default:
        throw new IllegalArgumentException("--key given, but the profile is not signed");
    }
  }
}
