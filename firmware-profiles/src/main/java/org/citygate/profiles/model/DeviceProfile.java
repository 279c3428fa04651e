package org.citygate.profiles.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A firmware profile: everything Citygate knows about one class of device, loaded from a YAML file
 * (see {@code docs/firmware-profiles.md}). The gateway decodes and validates by it, the simulator
 * encodes by it.
 *
 * @param id the model id, also the canonical reading's {@code profileId}, e.g. {@code
 *     "citygate/smart-meter-obis@1"}
 * @param kind what the device is
 * @param description free text for people
 * @param transports how the device connects
 * @param codec how its payloads are encoded
 * @param fields the values it reports, unique by name
 * @param commands what it accepts, for actuators
 * @param reportingInterval how often it reports when nothing changes
 * @param clockSkew the largest difference allowed between the device's timestamp and the gateway's
 *     clock
 * @param signature how it signs its readings
 * @param feeds downstream uses that need its readings in full
 * @param priority the gateway lane for its readings
 * @param limits bounds on one payload
 * @param rejectUnknownFields whether a payload value the profile does not declare is an error
 */
public record DeviceProfile(
    String id,
    DeviceKind kind,
    String description,
    Transports transports,
    CodecSpec codec,
    List<FieldSpec> fields,
    List<CommandSpec> commands,
    Duration reportingInterval,
    Duration clockSkew,
    SignatureScheme signature,
    Set<Feed> feeds,
    Priority priority,
    Limits limits,
    boolean rejectUnknownFields) {

  /** Copies the collections and checks field names are unique. */
  public DeviceProfile {
    fields = List.copyOf(fields);
    commands = List.copyOf(commands);
    feeds = Set.copyOf(feeds);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("profile " + id + " has no fields");
    }
    long distinct = fields.stream().map(FieldSpec::name).distinct().count();
    if (distinct != fields.size()) {
      throw new IllegalArgumentException("profile " + id + " has duplicate field names");
    }
  }

  /** The field called {@code name}, if any. */
  public Optional<FieldSpec> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Fields by name, in declaration order. */
  public Map<String, FieldSpec> fieldsByName() {
    return fields.stream()
        .collect(
            Collectors.toMap(
                FieldSpec::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
  }

  /** Whether the device signs its readings. */
  public boolean isSigned() {
    return signature != SignatureScheme.NONE;
  }
}
