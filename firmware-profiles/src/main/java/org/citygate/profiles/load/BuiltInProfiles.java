package org.citygate.profiles.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citygate.profiles.model.DeviceProfile;

/**
 * The profiles shipped in this jar under {@code profiles/}, listed in {@code profiles/index.txt} (a
 * class path cannot be listed reliably, so the index names them). The gateway and the simulator
 * start from these; a deployment can add its own files.
 */
public final class BuiltInProfiles {
  /** The class path folder of the built-in profiles. */
  public static final String FOLDER = "/profiles/";

  private static final Map<String, DeviceProfile> BY_ID = loadAll();

  private BuiltInProfiles() {}

  /** Every built-in profile, by model id, in index order. */
  public static Map<String, DeviceProfile> all() {
    return BY_ID;
  }

  /** The built-in profile with model id {@code id}. */
  public static Optional<DeviceProfile> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** The file names listed in the index, e.g. {@code smart-meter-obis.yaml}. */
  public static List<String> fileNames() {
    List<String> names = new ArrayList<>();
    for (String line : read("index.txt").split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }

  /** The raw bytes of one built-in profile file. */
  public static byte[] bytes(String fileName) {
    return read(fileName).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, DeviceProfile> loadAll() {
    Map<String, DeviceProfile> out = new LinkedHashMap<>();
    for (String name : fileNames()) {
      LoadResult result = ProfileLoader.load(FOLDER.substring(1) + name, bytes(name));
      if (result instanceof LoadResult.Invalid invalid) {
        throw new IllegalStateException("built-in profile is invalid: " + invalid.errors().get(0));
      }
      DeviceProfile profile = ((LoadResult.Loaded) result).profile();
      out.put(profile.id(), profile);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static String read(String name) {
    try (InputStream in = BuiltInProfiles.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing class path resource " + FOLDER + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
