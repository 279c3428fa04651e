package org.citygate.profiles.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citygate.profiles.codec.SignedReading;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.sign.SigningKey;
import org.citygate.profiles.testing.Keys;
import org.citygate.profiles.testing.ReadingGenerator;
import org.citygate.profiles.validate.BadPayloadCorpusTest;
import org.citygate.profiles.validate.ReadingValidator;
import org.citygate.proofs.reading.CanonicalReading;

/**
 * Writes the fuzzers' seed corpus: real payloads encoded by each profile's codec ({@code valid-N})
 * and the bad-payload corpus of the same profile ({@code bad-N}). Regenerate with {@code
 * firmware-profiles/fuzz.sh --write-seeds}.
 */
public final class SeedCorpusWriter {
  private static final Map<String, String> TARGETS =
      Map.of(
          "SenmlCborFuzzTest", "citygate/parking-radar-senml@1:bay-1",
          "SenmlJsonFuzzTest", "citygate/streetlight-controller@1:lamp-1",
          "JsonMappingFuzzTest", "citygate/smart-meter-obis@1:m-1",
          "BinaryLayoutFuzzTest", "citygate/parking-lorawan-binary@1:lw-1");

  private SeedCorpusWriter() {}

  public static void main(String[] args) throws IOException {
    Path module = Path.of(args.length > 0 ? args[0] : ".");
    Path base = module.resolve("src/test/resources/org/citygate/profiles/fuzz");
    for (Map.Entry<String, String> target : TARGETS.entrySet()) {
      String[] idAndDevice = target.getValue().split(":");
      ReadingValidator validator = FuzzTargets.validator(idAndDevice[0]);
      DeviceProfile profile = validator.profile();
      Path dir = base.resolve(target.getKey() + "Inputs").resolve("fuzz");
      Files.createDirectories(dir);
      Optional<SigningKey> key = Keys.forProfile(profile, 1);
      for (int i = 0; i < 4; i++) {
        ReadingGenerator gen = new ReadingGenerator(profile, 500 + i);
        CanonicalReading reading =
            gen.reading(idAndDevice[1], 10 + i, gen.time(FuzzTargets.NOW, 60_000));
        SignedReading signed =
            key.map(k -> SignedReading.signed(reading, k.sign(reading)))
                .orElse(SignedReading.unsigned(reading));
        Files.write(dir.resolve("valid-" + i), validator.codec().encode(List.of(signed)));
      }
      int[] n = {0};
      BadPayloadCorpusTest.corpus()
          .map(a -> a.get())
          .filter(a -> a[1] == profile)
          .forEach(
              a -> {
                try {
                  Files.write(dir.resolve("bad-" + n[0]++), (byte[]) a[3]);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
  }
}
