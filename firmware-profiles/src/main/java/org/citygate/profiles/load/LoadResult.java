package org.citygate.profiles.load;

import java.util.List;
import org.citygate.profiles.model.DeviceProfile;

/** The outcome of loading one profile file: the profile, or every problem found in it. */
public sealed interface LoadResult {
  /** The file the result is about, as given to the loader. */
  String file();

  /** The file is a valid profile. */
  record Loaded(String file, DeviceProfile profile) implements LoadResult {}

  /** The file has problems; {@code errors} is never empty. */
  record Invalid(String file, List<ProfileError> errors) implements LoadResult {
    /** Copies the list and checks it is not empty. */
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid profile needs at least one error");
      }
    }
  }
}
