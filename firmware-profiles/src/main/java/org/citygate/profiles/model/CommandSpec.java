package org.citygate.profiles.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A command an actuator accepts, e.g. a street light's dim level 0..100 %.
 *
 * @param name the command name, e.g. {@code "dim"}
 * @param ipso the IPSO object and resource written, e.g. {@code 3311/5851}
 * @param type the argument's type
 * @param unit the argument's UCUM unit
 * @param minimum smallest allowed argument (numbers only)
 * @param maximum largest allowed argument (numbers only)
 * @param description free text for people
 */
public record CommandSpec(
    String name,
    Optional<IpsoRef> ipso,
    ValueType type,
    String unit,
    Optional<BigDecimal> minimum,
    Optional<BigDecimal> maximum,
    String description) {}
