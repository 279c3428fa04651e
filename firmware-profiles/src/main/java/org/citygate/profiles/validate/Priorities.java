package org.citygate.profiles.validate;

import org.citygate.profiles.model.DeviceProfile;
import org.citygate.profiles.model.FieldSpec;
import org.citygate.profiles.model.Priority;
import org.citygate.proofs.reading.CanonicalReading;
import org.citygate.proofs.reading.Measurement;
import org.citygate.proofs.reading.MeasurementValue;

/**
 * The gateway lane of an accepted reading: the profile's priority, raised by any field that
 * declares a priority of its own and signals in this reading: a flag that is true, a number that is
 * not zero, or a text other than {@code none}, {@code ok} or empty (e.g. a lamp fault code).
 */
public final class Priorities {
  private Priorities() {}

  /** The lane for {@code reading} of {@code profile}. */
  public static Priority classify(DeviceProfile profile, CanonicalReading reading) {
    Priority best = profile.priority();
    for (FieldSpec field : profile.fields()) {
      if (field.priority().isEmpty() || field.priority().get().compareTo(best) >= 0) {
        continue;
      }
      if (reading.measurement(field.name()).map(Priorities::signals).orElse(false)) {
        best = field.priority().get();
      }
    }
    return best;
  }

  private static boolean signals(Measurement measurement) {
    MeasurementValue value = measurement.value();
    if (value instanceof MeasurementValue.Flag f) {
      return f.value();
    }
    if (value instanceof MeasurementValue.Decimal d) {
      return d.mantissa() != 0;
    }
    String text = ((MeasurementValue.Text) value).value();
    return !text.isEmpty() && !text.equals("none") && !text.equals("ok");
  }
}
