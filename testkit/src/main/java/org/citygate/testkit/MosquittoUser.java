package org.citygate.testkit;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mosquitto started as root switches to the {@code mosquitto} user before it reads its password,
 * ACL and key files and before it writes its persistence ("Unable to load server key file ...
 * Permission denied" otherwise). This gives a broker's directory to group {@code mosquitto}:
 * directories 0770, files 0640. Where there is no such group, Mosquitto is told to stay root.
 */
final class MosquittoUser {
  private MosquittoUser() {}

  /**
   * Gives {@code dir} to group {@code mosquitto} when this JVM runs as root; returns the extra
   * configuration lines Mosquitto then needs ({@code user root} where no such group exists).
   */
  static List<String> share(Path dir) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return List.of(); // Mosquitto keeps running as the current user
    }
    GroupPrincipal group;
    try {
      group =
          FileSystems.getDefault()
              .getUserPrincipalLookupService()
              .lookupPrincipalByGroupName("mosquitto");
    } catch (UserPrincipalNotFoundException e) {
      return List.of("user root");
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
        String mode = Files.isDirectory(path) ? "rwxrwx---" : "rw-r-----";
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
      }
    }
    return List.of();
  }
}
