package org.citygate.profiles.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Checks a profile tree against {@code schema/profile.schema.json} (JSON Schema 2020-12). */
final class SchemaCheck {
  /** Where the schema lives on the class path. */
  static final String SCHEMA_RESOURCE = "/schema/profile.schema.json";

  /** A schema violation at a JSON Pointer. */
  record Violation(String pointer, String message) {}

  private static final JsonSchema SCHEMA = load();

  private SchemaCheck() {}

  static List<Violation> check(JsonNode profile) {
    return SCHEMA.validate(profile).stream()
        .map(SchemaCheck::toViolation)
        .sorted(Comparator.comparing(Violation::pointer).thenComparing(Violation::message))
        .distinct()
        .toList();
  }

  private static Violation toViolation(ValidationMessage message) {
    String pointer = message.getInstanceLocation().toString();
    if (pointer.equals("/")) {
      pointer = "";
    }
    String property = message.getProperty();
    String type = message.getType();
    if (property != null && ("additionalProperties".equals(type) || "false".equals(type))) {
      pointer = pointer + "/" + YamlTree.escape(property);
    }
    String text = message.getMessage();
    // networknt prefixes the instance location; the loader prints its own location.
    int colon = text.indexOf(": ");
    if (colon >= 0 && text.startsWith("/")) {
      text = text.substring(colon + 2);
    } else if (colon >= 0 && text.startsWith("$")) {
      text = text.substring(colon + 2);
    }
    return new Violation(pointer, text);
  }

  private static JsonSchema load() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class path resource " + SCHEMA_RESOURCE);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder()
              .pathType(PathType.JSON_POINTER)
              .locale(Locale.ROOT)
              .formatAssertionsEnabled(true)
              .build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(text, InputFormat.JSON, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
