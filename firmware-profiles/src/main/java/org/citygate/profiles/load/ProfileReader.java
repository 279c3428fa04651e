package org.citygate.profiles.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citygate.profiles.model.CoapBinding;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.CommandSpec;
import org.citygate.profiles.model.DeviceKind;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.Feed;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.model.GpioBinding;
import org.citygate.profiles.model.Limits;
import org.citygate.profiles.model.MqttBinding;
import org.citygate.profiles.model.Priority;
import org.citygate.profiles.model.SignatureScheme;
import org.citygate.profiles.model.Transports;
import org.citygate.profiles.model.ValueType;

/**
 * Builds a {@link DeviceProfile} from a schema-checked tree, with the semantic checks a schema
 * cannot express: unknown units, minimum above maximum, duplicate names, bindings that name a
 * missing field, codec and transport disagreeing.
 */
final class ProfileReader {
  /** CoAP content format per codec (RFC 8428 §12.3, RFC 7252 §12.3). */
  private static final Map<String, Integer> CONTENT_FORMAT =
      Map.of("senml-json", 110, "senml-cbor", 112, "json", 50, "binary", 42);

  private final Problems problems;

  ProfileReader(Problems problems) {
    this.problems = problems;
  }

  Optional<DeviceProfile> read(JsonNode root) {
    FieldReader fieldReader = new FieldReader(problems);
    List<FieldSpec> fields = fieldReader.fields(root.get("fields"));
    List<CommandSpec> commands = fieldReader.commands(root.path("commands"));
    Map<String, FieldSpec> byName =
        fields.stream()
            .collect(
                Collectors.toMap(
                    FieldSpec::name,
                    Function.identity(),
                    (a, b) -> a,
                    java.util.LinkedHashMap::new));
    Set<String> declared = new java.util.LinkedHashSet<>();
    root.get("fields").forEach(f -> declared.add(f.get("name").asText()));
    CodecSpec codec = new CodecReader(problems, declared).codec(root.get("codec"), byName);
    Transports transports = transports(root.get("transports"), byName, declared, codec);
    Duration interval = duration(root, "reporting-interval", "60s");
    Duration skew = duration(root, "clock-skew", "5min");
    SignatureScheme signature = SignatureScheme.fromYaml(Nodes.text(root, "signature", "none"));
    checkSignature(codec, signature);
    Set<Feed> feeds = EnumSet.noneOf(Feed.class);
    root.path("feeds").forEach(f -> feeds.add(Feed.valueOf(f.asText().toUpperCase(Locale.ROOT))));
    Priority priority =
        Priority.valueOf(Nodes.text(root, "priority", "telemetry").toUpperCase(Locale.ROOT));
    JsonNode limitsNode = root.path("limits");
    Limits limits =
        new Limits(
            Nodes.integer(limitsNode, "max-payload-bytes", Limits.DEFAULT.maxPayloadBytes()),
            Nodes.integer(limitsNode, "max-records", Limits.DEFAULT.maxRecords()),
            Nodes.integer(limitsNode, "max-depth", Limits.DEFAULT.maxDepth()));
    if (!problems.isEmpty() || transports == null || fields.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceProfile(
            root.get("id").asText(),
            DeviceKind.valueOf(root.get("kind").asText().toUpperCase(Locale.ROOT)),
            Nodes.text(root, "description", ""),
            transports,
            codec,
            fields,
            commands,
            interval,
            skew,
            signature,
            feeds,
            priority,
            limits,
            Nodes.text(root, "unknown-fields", "reject").equals("reject")));
  }

  private Transports transports(
      JsonNode node, Map<String, FieldSpec> fields, Set<String> declared, CodecSpec codec) {
    Optional<MqttBinding> mqtt = Optional.empty();
    Optional<CoapBinding> coap = Optional.empty();
    Optional<GpioBinding> gpio = Optional.empty();
    JsonNode m = node.get("mqtt");
    if (m != null) {
      mqtt =
          Optional.of(
              new MqttBinding(
                  m.get("topic").asText(),
                  Nodes.optionalText(m, "command-topic"),
                  Nodes.integer(m, "qos", 1)));
    }
    JsonNode c = node.get("coap");
    if (c != null) {
      List<Integer> formats = new ArrayList<>();
      c.get("content-formats").forEach(f -> formats.add(f.intValue()));
      int wanted = CONTENT_FORMAT.get(codec.yamlName());
      if (!formats.contains(wanted)) {
        problems.add(
            "/transports/coap/content-formats",
            "codec "
                + codec.yamlName()
                + " is CoAP content format "
                + wanted
                + ", which is not"
                + " listed (got "
                + formats
                + ")");
      }
      coap =
          Optional.of(
              new CoapBinding(c.get("path").asText(), formats, Nodes.bool(c, "dtls", false)));
    }
    JsonNode g = node.get("gpio");
    if (g != null) {
      gpio = gpio(g, fields, declared);
    }
    if (mqtt.isEmpty() && coap.isEmpty() && gpio.isEmpty()) {
      return null;
    }
    return new Transports(mqtt, coap, gpio);
  }

  private Optional<GpioBinding> gpio(
      JsonNode g, Map<String, FieldSpec> fields, Set<String> declared) {
    String field = g.get("field").asText();
    FieldSpec spec = fields.get(field);
    if (!declared.contains(field)) {
      problems.add(
          "/transports/gpio/field",
          "names field '"
              + field
              + "', which the profile does not declare; declared: "
              + String.join(", ", declared));
      return Optional.empty();
    }
    if (spec != null && spec.type() != ValueType.BOOLEAN) {
      problems.add(
          "/transports/gpio/field",
          "a GPIO pin carries a boolean, but field '" + field + "' is " + spec.type().yamlName());
    }
    return Optional.of(
        new GpioBinding(
            g.get("pin").intValue(),
            GpioBinding.Direction.valueOf(g.get("direction").asText().toUpperCase(Locale.ROOT)),
            GpioBinding.Pull.valueOf(Nodes.text(g, "pull", "none").toUpperCase(Locale.ROOT)),
            duration(g, "debounce", "50ms"),
            GpioBinding.Level.valueOf(Nodes.text(g, "active", "high").toUpperCase(Locale.ROOT)),
            field));
  }

  private void checkSignature(CodecSpec codec, SignatureScheme signature) {
    if (codec instanceof CodecSpec.Json json
        && signature != SignatureScheme.NONE
        && json.signature().isEmpty()) {
      problems.add(
          "/codec",
          "the profile is signed ("
              + signature.yamlName()
              + ") but the codec maps no"
              + " 'signature' pointer");
    }
    if (codec instanceof CodecSpec.Json json
        && signature == SignatureScheme.NONE
        && json.signature().isPresent()) {
      problems.add(
          "/codec/signature", "the codec maps a signature but the profile's signature is none");
    }
  }

  private Duration duration(JsonNode node, String key, String fallback) {
    return Durations.parse(Nodes.text(node, key, fallback));
  }
}
