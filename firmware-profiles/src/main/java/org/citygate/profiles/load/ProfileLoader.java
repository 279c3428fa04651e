package org.citygate.profiles.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.citygate.profiles.model.DeviceProfile;

/**
 * Loads and checks profile files: YAML syntax, then the JSON Schema, then the semantic checks.
 * Every error names the file, the line and the field.
 */
public final class ProfileLoader {
  /** Largest profile file read, in bytes. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private ProfileLoader() {}

  /** Loads one profile from {@code yaml}; {@code file} is only used in messages. */
  public static LoadResult load(String file, byte[] yaml) {
    if (yaml.length > MAX_FILE_BYTES) {
      return new LoadResult.Invalid(
          file,
          List.of(
              new ProfileError(
                  file, 0, 0, "", "file is " + yaml.length + " bytes, at most " + MAX_FILE_BYTES)));
    }
    YamlTree tree;
    try {
      tree = YamlTree.parse(yaml);
    } catch (YamlTree.SyntaxError e) {
      return new LoadResult.Invalid(
          file,
          List.of(new ProfileError(file, e.mark().line(), e.mark().column(), "", e.getMessage())));
    }
    Problems problems = new Problems(file, tree);
    if (!tree.root().isObject()) {
      problems.add("", "a profile is a YAML mapping, got " + tree.root().getNodeType());
      return new LoadResult.Invalid(file, problems.errors());
    }
    for (SchemaCheck.Violation v : SchemaCheck.check(tree.root())) {
      problems.add(v.pointer(), v.message());
    }
    if (!problems.isEmpty()) {
      return new LoadResult.Invalid(file, problems.errors());
    }
    Optional<DeviceProfile> profile;
    try {
      profile = new ProfileReader(problems).read(tree.root());
    } catch (IllegalArgumentException e) {
      problems.add("", e.getMessage());
      profile = Optional.empty();
    }
    if (profile.isEmpty()) {
      return new LoadResult.Invalid(file, problems.errors());
    }
    return new LoadResult.Loaded(file, profile.get());
  }

  /** Loads one profile file. */
  public static LoadResult load(Path path) {
    try {
      return load(path.toString(), Files.readAllBytes(path));
    } catch (IOException e) {
      return new LoadResult.Invalid(
          path.toString(),
          List.of(new ProfileError(path.toString(), 0, 0, "", "cannot read: " + e)));
    }
  }

  /** The line of the top-level {@code id:} key, or 0. */
  private static int idLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("id:")) {
          return i + 1;
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
    return 0;
  }

  /**
   * Loads every {@code *.yaml} and {@code *.yml} file directly in {@code dir}, in name order, and
   * reports two files that declare the same model id.
   *
   * @throws IOException if the directory cannot be listed
   */
  public static List<LoadResult> loadDirectory(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    List<LoadResult> results = new ArrayList<>();
    java.util.Map<String, String> ids = new java.util.HashMap<>();
    for (Path file : files) {
      LoadResult result = load(file);
      if (result instanceof LoadResult.Loaded loaded) {
        String other = ids.putIfAbsent(loaded.profile().id(), result.file());
        if (other != null) {
          result =
              new LoadResult.Invalid(
                  result.file(),
                  List.of(
                      new ProfileError(
                          result.file(),
                          idLine(file),
                          0,
                          "id",
                          "model id '"
                              + loaded.profile().id()
                              + "' is already declared in "
                              + other)));
        }
      }
      results.add(result);
    }
    return results;
  }
}
