package org.citygate.profiles.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.citygate.profiles.model.CounterSpec;
import org.junit.jupiter.api.Test;

/** The pure replay and counter checks. */
class SequenceAndCounterTest {
  @Test
  void fullWidthSequenceMustIncrease() {
    assertEquals(new SequenceCheck.Verdict(5, true), SequenceCheck.check(-1, 5, 64));
    assertEquals(
        new SequenceCheck.Verdict(9, true), SequenceCheck.check(5, 9, 64), "gaps are fine");
    assertFalse(SequenceCheck.check(5, 5, 64).fresh(), "same number is a replay");
    assertFalse(SequenceCheck.check(5, 4, 64).fresh(), "older number is a replay");
  }

  @Test
  void shortCounterIsUnwrapped() {
    // 16-bit frame counter: 65535 then 2 is a step of 3 across the wrap.
    assertEquals(new SequenceCheck.Verdict(65538, true), SequenceCheck.check(65535, 2, 16));
    // and the extended value keeps growing past the wrap
    assertEquals(new SequenceCheck.Verdict(65540, true), SequenceCheck.check(65538, 4, 16));
    // replay of the frame just accepted: extended back to the same number
    assertEquals(new SequenceCheck.Verdict(65538, false), SequenceCheck.check(65538, 2, 16));
    // half the range or more back is a replay
    assertFalse(SequenceCheck.check(20000, 7, 16).fresh());
    assertTrue(SequenceCheck.check(40000, 40000 + 32767, 16).fresh());
    assertFalse(SequenceCheck.check(40000, 40000 + 32768, 16).fresh());
  }

  @Test
  void countersMayStayOrRise() {
    CounterSpec plain = CounterSpec.monotonic();
    assertTrue(CounterCheck.accepts(plain, Optional.empty(), BigDecimal.ONE));
    assertTrue(CounterCheck.accepts(plain, Optional.of(BigDecimal.TEN), BigDecimal.TEN));
    assertTrue(CounterCheck.accepts(plain, Optional.of(BigDecimal.TEN), new BigDecimal("10.5")));
    assertFalse(CounterCheck.accepts(plain, Optional.of(BigDecimal.TEN), new BigDecimal("9.9")));
  }

  @Test
  void countersWrapOnlyByMoreThanHalfTheirRange() {
    CounterSpec register = new CounterSpec(Optional.of(new BigDecimal("1000000")));
    assertTrue(
        CounterCheck.accepts(
            register, Optional.of(new BigDecimal("999999.9")), new BigDecimal("0.4")),
        "wrapped");
    assertFalse(
        CounterCheck.accepts(
            register, Optional.of(new BigDecimal("600000")), new BigDecimal("500000")),
        "went backwards");
  }

  @Test
  void stateAfterKeepsOtherCounters() {
    DeviceState state = new DeviceState(3, Map.of("a", BigDecimal.ONE, "b", BigDecimal.TEN));
    DeviceState next = state.after(4, Map.of("a", new BigDecimal(2)));
    assertEquals(new DeviceState(4, Map.of("a", new BigDecimal(2), "b", BigDecimal.TEN)), next);
    assertEquals(DeviceState.INITIAL.lastSequence(), java.util.OptionalLong.empty());
  }
}
