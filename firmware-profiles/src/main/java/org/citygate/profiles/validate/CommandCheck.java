package org.citygate.profiles.validate;

import java.math.BigDecimal;
import java.util.Optional;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.Rejection;
import org.citygate.profiles.model.CommandSpec;
import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.ValueType;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * Checks a command before the gateway sends it to an actuator: the profile must declare it, and the
 * argument must have its type and be in its range (a dim level of 140 % never leaves the gateway).
 */
public final class CommandCheck {
  private CommandCheck() {}

  /** Empty when {@code argument} is a valid argument for command {@code name}. */
  public static Optional<Rejection> check(
      DeviceProfile profile, String name, MeasurementValue argument) {
    Optional<CommandSpec> found =
        profile.commands().stream().filter(c -> c.name().equals(name)).findFirst();
    if (found.isEmpty()) {
      return Optional.of(
          new Rejection(
              RejectReason.UNKNOWN_FIELD, profile.id() + " has no command '" + name + "'", name));
    }
    CommandSpec command = found.get();
    boolean typeOk;
    switch (command.type()) {
      case BOOLEAN:
        typeOk = argument instanceof MeasurementValue.Flag;
        break;
      case TEXT:
        typeOk = argument instanceof MeasurementValue.Text;
        break;
      case INTEGER:
        typeOk = argument instanceof MeasurementValue.Decimal d && d.exponent() >= 0;
        break;
      default:
        typeOk = argument instanceof MeasurementValue.Decimal;
    }
    if (!typeOk) {
      return Optional.of(
          new Rejection(
              RejectReason.WRONG_TYPE,
              "command '" + name + "' takes " + command.type().yamlName() + ", got " + argument,
              name));
    }
    if (command.type() == ValueType.NUMBER || command.type() == ValueType.INTEGER) {
      BigDecimal value = ((MeasurementValue.Decimal) argument).toBigDecimal();
      if (command.minimum().isPresent() && value.compareTo(command.minimum().get()) < 0
          || command.maximum().isPresent() && value.compareTo(command.maximum().get()) > 0) {
        return Optional.of(
            new Rejection(
                RejectReason.OUT_OF_RANGE,
                "command '"
                    + name
                    + "' argument "
                    + value.toPlainString()
                    + " is outside "
                    + command.minimum().map(BigDecimal::toPlainString).orElse("-inf")
                    + ".."
                    + command.maximum().map(BigDecimal::toPlainString).orElse("inf"),
                name));
      }
    }
    return Optional.empty();
  }
}
