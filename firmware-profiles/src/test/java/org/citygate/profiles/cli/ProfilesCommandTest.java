package org.citygate.profiles.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.citygate.profiles.codec.SignedReading;
import org.citygate.profiles.load.BuiltInProfiles;
import org.citygate.profiles.load.ProfileLoaderTest;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.sign.DeviceKey;
import org.citygate.profiles.sign.SigningKey;
import org.citygate.profiles.testing.Keys;
import org.citygate.profiles.testing.ReadingGenerator;
import org.citygate.profiles.validate.ReadingValidator;
import org.citygate.proofs.reading.CanonicalReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citygate-profiles}, run in-process. */
class ProfilesCommandTest {
  static final long NOW = 1_780_000_000_000L;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = ProfilesCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void validateReportsEachFileWithLineAndField(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("good.yaml"), ProfileLoaderTest.VALID);
    Files.writeString(
        dir.resolve("bad.yaml"), ProfileLoaderTest.VALID.replace("unit: W\n", "unit: watt\n"));
    Run run = run("validate", dir.toString());
    assertEquals(ProfilesCommand.INVALID, run.status(), run.out());
    assertTrue(run.out().contains("bad.yaml:25:5: fields[1].unit: unknown unit 'watt'"), run.out());
    assertTrue(run.out().contains("ok       " + dir.resolve("good.yaml")), run.out());
    assertTrue(run.out().contains("1 valid, 1 invalid, of 2 profile files"), run.out());
  }

  @Test
  void validateTheBuiltInProfilesFolder(@TempDir Path dir) throws IOException {
    for (String name : BuiltInProfiles.fileNames()) {
      Files.write(dir.resolve(name), BuiltInProfiles.bytes(name));
    }
    Run run = run("validate", dir.toString());
    assertEquals(ProfilesCommand.OK, run.status(), run.out());
  }

  @Test
  void validateAMissingFolderIsUnreadable() {
    Run run = run("validate", "/no/such/folder");
    assertEquals(ProfilesCommand.UNREADABLE, run.status());
    assertTrue(run.err().contains("no such file or folder"), run.err());
  }

  @Test
  void decodePrintsTheReadings(@TempDir Path dir) throws IOException {
    DeviceProfile meter = BuiltInProfiles.byId("citygate/smart-meter-obis@1").orElseThrow();
    SigningKey key = Keys.ed25519(3);
    CanonicalReading reading = new ReadingGenerator(meter, 1).reading("m-1", 17, NOW);
    byte[] payload =
        new ReadingValidator(meter)
            .codec()
            .encode(List.of(SignedReading.signed(reading, key.sign(reading))));
    Path file = Files.write(dir.resolve("meter.json"), payload);
    String publicKey = HexFormat.of().formatHex(((DeviceKey.Ed25519) key.deviceKey()).encoded());
    Run run =
        run(
            "decode",
            "--profile",
            meter.id(),
            "--device",
            "m-1",
            "--now",
            "2026-05-28T20:26:40Z",
            "--key",
            publicKey,
            file.toString());
    assertEquals(ProfilesCommand.OK, run.status(), run.out() + run.err());
    assertTrue(
        run.out().contains("accepted: 1 reading of citygate/smart-meter-obis@1 from m-1"),
        run.out());
    assertTrue(
        run.out().contains("reading seq 17 at 2026-05-28T20:26:40Z (telemetry lane)"), run.out());
    assertTrue(run.out().contains("payloadHash " + reading.payloadHash()), run.out());

    Run wrongKey =
        run(
            "decode",
            "-p",
            meter.id(),
            "-d",
            "m-1",
            "--now",
            Long.toString(NOW),
            "--key",
            HexFormat.of().formatHex(((DeviceKey.Ed25519) Keys.ed25519(4).deviceKey()).encoded()),
            file.toString());
    assertEquals(ProfilesCommand.INVALID, wrongKey.status(), wrongKey.out());
    assertTrue(wrongKey.out().contains("rejected: BAD_SIGNATURE"), wrongKey.out());

    Run noKey =
        run("decode", "-p", meter.id(), "-d", "m-1", "--now", Long.toString(NOW), file.toString());
    assertEquals(ProfilesCommand.OK, noKey.status(), noKey.out());
    assertTrue(noKey.out().contains("signatures are not checked"), noKey.out());
  }

  @Test
  void decodeHexAgainstAProfileFile(@TempDir Path dir) throws IOException {
    Path profile = dir.resolve("lora.yaml");
    Files.write(profile, BuiltInProfiles.bytes("parking-lorawan-binary.yaml"));
    Path payload = Files.writeString(dir.resolve("up.hex"), "01 0007 01 0c1c 15\n");
    Run run = run("decode", "--profile", profile.toString(), "--hex", payload.toString());
    assertEquals(ProfilesCommand.OK, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("battery = 3.1 V"), run.out());
    assertTrue(run.out().contains("temperature = 21 Cel"), run.out());

    Run replay =
        run(
            "decode",
            "--profile",
            profile.toString(),
            "--hex",
            "--last-seq",
            "7",
            payload.toString());
    assertEquals(ProfilesCommand.INVALID, replay.status());
    assertTrue(replay.out().contains("rejected: REPLAY"), replay.out());
    assertTrue(replay.out().contains("field:   seq"), replay.out());
  }

  @Test
  void badArgumentsAndUnknownProfiles(@TempDir Path dir) throws IOException {
    assertEquals(ProfilesCommand.UNREADABLE, run().status());
    assertEquals(ProfilesCommand.UNREADABLE, run("decode", "x").status());
    Path file = Files.writeString(dir.resolve("p"), "[]");
    Run unknown = run("decode", "--profile", "acme/nothing@1", file.toString());
    assertEquals(ProfilesCommand.UNREADABLE, unknown.status());
    assertTrue(unknown.err().contains("built-in: citygate/"), unknown.err());
    Run missing =
        run("decode", "--profile", "citygate/parking-gpio@1", dir.resolve("nope").toString());
    assertEquals(ProfilesCommand.UNREADABLE, missing.status());
    assertEquals(ProfilesCommand.OK, run("--help").status());
  }
}
