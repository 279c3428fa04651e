package org.citygate.profiles.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.DeviceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loader errors name the file, the line and the field. */
public class ProfileLoaderTest {
  /** A valid profile; each test breaks one line of it. Line numbers are 1-based. */
  public static final String VALID =
      String.join(
          "\n",
          "profile: 1", // 1
          "id: test/meter@1", // 2
          "kind: meter", // 3
          "transports:", // 4
          "  mqtt:", // 5
          "    topic: t/{deviceId}/up", // 6
          "  coap:", // 7
          "    path: /m/{deviceId}", // 8
          "    content-formats: [50]", // 9
          "codec:", // 10
          "  type: json", // 11
          "  seq: /seq", // 12
          "  time: /ts", // 13
          "  fields:", // 14
          "    energy: /e", // 15
          "fields:", // 16
          "  - name: energy", // 17
          "    type: number", // 18
          "    unit: Wh", // 19
          "    minimum: 0", // 20
          "    maximum: 1000000", // 21
          "    counter: {wrap: 10000000}", // 22
          "  - name: power", // 23
          "    type: number", // 24
          "    unit: W", // 25
          "");

  static LoadResult load(String yaml) {
    return ProfileLoader.load("meter.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static ProfileError onlyError(String yaml) {
    LoadResult result = load(yaml);
    LoadResult.Invalid invalid = assertInstanceOf(LoadResult.Invalid.class, result, yaml);
    assertEquals(1, invalid.errors().size(), invalid.errors().toString());
    ProfileError error = invalid.errors().get(0);
    assertEquals("meter.yaml", error.file());
    assertTrue(error.toString().startsWith("meter.yaml:" + error.line()), error.toString());
    return error;
  }

  static String replace(String from, String to) {
    assertTrue(VALID.contains(from), from);
    return VALID.replace(from, to);
  }

  @Test
  void theBaseProfileIsValid() {
    DeviceProfile profile = ((LoadResult.Loaded) load(VALID)).profile();
    assertEquals("test/meter@1", profile.id());
    assertEquals("/e", ((CodecSpec.Json) profile.codec()).fields().get("energy"));
  }

  @Test
  void unknownUnit() {
    ProfileError error = onlyError(replace("unit: W\n", "unit: watt\n"));
    assertEquals(25, error.line());
    assertEquals("fields[1].unit", error.field());
    assertTrue(error.message().contains("unknown unit 'watt'"), error.message());
  }

  @Test
  void minimumAboveMaximum() {
    ProfileError error = onlyError(replace("minimum: 0", "minimum: 2000000"));
    assertEquals(20, error.line());
    assertEquals("fields[0].minimum", error.field());
    assertTrue(
        error.message().contains("minimum 2000000 is above maximum 1000000"), error.message());
  }

  @Test
  void duplicateFieldName() {
    ProfileError error = onlyError(replace("- name: power", "- name: energy"));
    assertEquals(23, error.line());
    assertEquals("fields[1].name", error.field());
    assertTrue(error.message().contains("duplicate field name 'energy'"), error.message());
  }

  @Test
  void codecMapsAMissingField() {
    ProfileError error = onlyError(replace("    energy: /e", "    energy: /e\n    voltage: /v"));
    assertEquals(16, error.line());
    assertEquals("codec.fields.voltage", error.field());
    assertTrue(
        error.message().contains("'voltage', which the profile does not declare"), error.message());
  }

  @Test
  void unknownKeyIsNamedAtItsLine() {
    ProfileError error = onlyError(replace("    unit: Wh", "    unit: Wh\n    colour: red"));
    assertEquals(20, error.line());
    assertEquals("fields[0].colour", error.field());
  }

  @Test
  void wrongEnumValue() {
    ProfileError error = onlyError(replace("kind: meter", "kind: toaster"));
    assertEquals(3, error.line());
    assertEquals("kind", error.field());
  }

  @Test
  void topicWithoutDeviceId() {
    ProfileError error = onlyError(replace("t/{deviceId}/up", "t/all/up"));
    assertEquals(6, error.line());
    assertEquals("transports.mqtt.topic", error.field());
  }

  @Test
  void contentFormatDisagreesWithCodec() {
    ProfileError error = onlyError(replace("content-formats: [50]", "content-formats: [112]"));
    assertEquals(9, error.line());
    assertTrue(error.message().contains("content format 50"), error.message());
  }

  @Test
  void maximumAboveCounterWrap() {
    ProfileError error = onlyError(replace("maximum: 1000000", "maximum: 20000000"));
    assertEquals("fields[0].counter.wrap", error.field());
    assertEquals(22, error.line());
  }

  @Test
  void yamlSyntaxError() {
    ProfileError error = onlyError(replace("kind: meter", "kind: [meter"));
    assertTrue(error.line() >= 3, error.toString());
    assertTrue(error.message().startsWith("not valid YAML"), error.message());
  }

  @Test
  void duplicateYamlKey() {
    ProfileError error = onlyError(replace("kind: meter", "kind: meter\nkind: solar"));
    assertEquals(4, error.line());
    assertTrue(error.message().contains("'kind'"), error.message());
  }

  @Test
  void yaml11BooleanTrapIsCaught() {
    String yaml =
        replace(
            "    unit: W\n",
            "    unit: W\n  - name: status\n    type: text\n    values: [standby, off]\n");
    ProfileError error = onlyError(yaml);
    assertEquals("fields[2].values[1]", error.field());
    assertEquals(28, error.line());
    assertTrue(error.message().contains("boolean found, string expected"), error.message());
  }

  @Test
  void severalErrorsAreAllReported() {
    LoadResult result =
        load(replace("unit: W\n", "unit: watt\n").replace("minimum: 0", "minimum: 2000000"));
    assertEquals(2, ((LoadResult.Invalid) result).errors().size());
  }

  @Test
  void emptyFileAndNonMapping() {
    assertEquals("the file is empty", onlyError("").message());
    assertTrue(onlyError("- a\n- b\n").message().contains("mapping"));
  }

  @Test
  void directoryReportsEachFileAndDuplicateIds(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), VALID);
    Files.writeString(dir.resolve("b.yml"), VALID);
    Files.writeString(dir.resolve("c.yaml"), replace("unit: W\n", "unit: watt\n"));
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    List<LoadResult> results = ProfileLoader.loadDirectory(dir);
    assertEquals(3, results.size());
    assertInstanceOf(LoadResult.Loaded.class, results.get(0));
    ProfileError dup = ((LoadResult.Invalid) results.get(1)).errors().get(0);
    assertTrue(dup.message().contains("already declared in"), dup.toString());
    assertEquals(2, dup.line());
    assertInstanceOf(LoadResult.Invalid.class, results.get(2));
  }
}
