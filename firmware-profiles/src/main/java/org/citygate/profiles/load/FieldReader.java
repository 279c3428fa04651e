package org.citygate.profiles.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.citygate.profiles.model.CommandSpec;
import org.citygate.profiles.model.CounterSpec;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.model.IpsoRef;
import org.citygate.profiles.model.Priority;
import org.citygate.profiles.model.ValueType;

/** Reads and checks the {@code fields} and {@code commands} of a schema-checked profile. */
final class FieldReader {
  private final Problems problems;

  FieldReader(Problems problems) {
    this.problems = problems;
  }

  List<FieldSpec> fields(JsonNode fields) {
    List<FieldSpec> out = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> senmlNames = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      String at = "/fields/" + i;
      JsonNode node = fields.get(i);
      String name = node.get("name").asText();
      Integer first = names.putIfAbsent(name, i);
      if (first != null) {
        problems.add(
            at + "/name", "duplicate field name '" + name + "', first at fields[" + first + "]");
        continue;
      }
      String senml = Nodes.text(node, "senml", name);
      Integer firstSenml = senmlNames.putIfAbsent(senml, i);
      if (firstSenml != null) {
        problems.add(
            at + "/senml",
            "duplicate SenML name '" + senml + "', first at fields[" + firstSenml + "]");
      }
      field(node, at, name, senml).ifPresent(out::add);
    }
    return out;
  }

  private Optional<FieldSpec> field(JsonNode node, String at, String name, String senml) {
    ValueType type = ValueType.valueOf(node.get("type").asText().toUpperCase(Locale.ROOT));
    String unit = Nodes.text(node, "unit", "");
    int before = errorCountMarker();
    checkUnit(at, unit);
    Optional<BigDecimal> min = Nodes.decimal(node, "minimum");
    Optional<BigDecimal> max = Nodes.decimal(node, "maximum");
    Optional<BigDecimal> scale = Nodes.decimal(node, "scale");
    Optional<BigDecimal> offset = Nodes.decimal(node, "offset");
    if (!type.isNumeric()) {
      for (String key : List.of("minimum", "maximum", "scale", "offset", "counter")) {
        if (node.has(key)) {
          problems.add(
              at + "/" + key,
              "'" + key + "' applies to numbers, but the field is " + type.yamlName());
        }
      }
    }
    if (type != ValueType.TEXT && node.has("values")) {
      problems.add(
          at + "/values", "'values' applies to text fields, but the field is " + type.yamlName());
    }
    if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
      problems.add(
          at + "/minimum",
          "minimum "
              + min.get().toPlainString()
              + " is above maximum "
              + max.get().toPlainString());
    }
    if (scale.isPresent() && scale.get().signum() == 0) {
      problems.add(at + "/scale", "scale must not be 0");
    }
    Optional<CounterSpec> counter = counter(node, at, type, max);
    Optional<IpsoRef> ipso = ipso(node, at);
    List<String> values = new ArrayList<>();
    node.path("values").forEach(v -> values.add(v.asText()));
    Optional<Priority> priority =
        Nodes.optionalText(node, "priority").map(p -> Priority.valueOf(p.toUpperCase(Locale.ROOT)));
    if (problems.errors().size() != before) {
      return Optional.empty();
    }
    return Optional.of(
        new FieldSpec(
            name,
            senml,
            ipso,
            type,
            unit,
            scale.orElse(BigDecimal.ONE),
            offset.orElse(BigDecimal.ZERO),
            min,
            max,
            Nodes.bool(node, "required", false),
            counter,
            values,
            priority,
            Nodes.text(node, "description", "")));
  }

  private Optional<CounterSpec> counter(
      JsonNode node, String at, ValueType type, Optional<BigDecimal> max) {
    JsonNode counter = node.get("counter");
    if (counter == null || !type.isNumeric() || (counter.isBoolean() && !counter.booleanValue())) {
      return Optional.empty();
    }
    Optional<BigDecimal> wrap =
        counter.isObject() ? Nodes.decimal(counter, "wrap") : Optional.empty();
    if (wrap.isPresent() && max.isPresent() && max.get().compareTo(wrap.get()) >= 0) {
      problems.add(
          at + "/counter/wrap",
          "counter wraps at "
              + wrap.get().toPlainString()
              + ", so maximum "
              + max.get().toPlainString()
              + " can never be reached; want maximum below wrap");
    }
    return Optional.of(new CounterSpec(wrap));
  }

  List<CommandSpec> commands(JsonNode commands) {
    List<CommandSpec> out = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < commands.size(); i++) {
      String at = "/commands/" + i;
      JsonNode node = commands.get(i);
      String name = node.get("name").asText();
      Integer first = names.putIfAbsent(name, i);
      if (first != null) {
        problems.add(
            at + "/name",
            "duplicate command name '" + name + "', first at commands[" + first + "]");
        continue;
      }
      ValueType type = ValueType.valueOf(node.get("type").asText().toUpperCase(Locale.ROOT));
      String unit = Nodes.text(node, "unit", "");
      checkUnit(at, unit);
      Optional<BigDecimal> min = Nodes.decimal(node, "minimum");
      Optional<BigDecimal> max = Nodes.decimal(node, "maximum");
      if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
        problems.add(
            at + "/minimum",
            "minimum "
                + min.get().toPlainString()
                + " is above maximum "
                + max.get().toPlainString());
      }
      if (!type.isNumeric() && (min.isPresent() || max.isPresent())) {
        problems.add(
            at + "/type",
            "minimum and maximum apply to numbers, but the command is " + type.yamlName());
      }
      out.add(
          new CommandSpec(
              name, ipso(node, at), type, unit, min, max, Nodes.text(node, "description", "")));
    }
    return out;
  }

  private Optional<IpsoRef> ipso(JsonNode node, String at) {
    Optional<String> text = Nodes.optionalText(node, "ipso");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(IpsoRef.parse(text.get()));
    } catch (IllegalArgumentException e) {
      problems.add(at + "/ipso", e.getMessage());
      return Optional.empty();
    }
  }

  private void checkUnit(String at, String unit) {
    if (!Ucum.isKnown(unit)) {
      problems.add(
          at + "/unit",
          "unknown unit '"
              + unit
              + "': want a UCUM code such as W, kWh, Cel, % or {annotation}"
              + " (the list is in org.citygate.profiles.load.Ucum)");
    }
  }

  private int errorCountMarker() {
    return problems.errors().size();
  }
}
