package org.citygate.profiles.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.citygate.profiles.model.DeviceKind;
import org.citygate.profiles.model.DeviceProfile;
import org.junit.jupiter.api.Test;

class BuiltInProfilesTest {
  @Test
  void everyIndexedFileLoads() {
    for (String name : BuiltInProfiles.fileNames()) {
      LoadResult result = ProfileLoader.load(name, BuiltInProfiles.bytes(name));
      if (result instanceof LoadResult.Invalid invalid) {
        throw new AssertionError(invalid.errors().toString());
      }
      assertInstanceOf(LoadResult.Loaded.class, result);
    }
    assertEquals(BuiltInProfiles.fileNames().size(), BuiltInProfiles.all().size());
  }

  @Test
  void everyKindHasAProfile() {
    Set<DeviceKind> kinds =
        BuiltInProfiles.all().values().stream()
            .map(DeviceProfile::kind)
            .collect(Collectors.toSet());
    assertEquals(Set.of(DeviceKind.values()), kinds);
  }

  @Test
  void modelIdsAreTheCanonicalProfileIds() {
    assertTrue(BuiltInProfiles.byId("citygate/smart-meter-obis@1").isPresent());
  }
}
