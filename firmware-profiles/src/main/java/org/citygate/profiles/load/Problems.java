package org.citygate.profiles.load;

import java.util.ArrayList;
import java.util.List;

/** Collects located errors while one profile file is checked. */
final class Problems {
  private final String file;
  private final YamlTree tree;
  private final List<ProfileError> errors = new ArrayList<>();

  Problems(String file, YamlTree tree) {
    this.file = file;
    this.tree = tree;
  }

  /** Records an error about the node at JSON Pointer {@code pointer}. */
  void add(String pointer, String message) {
    YamlTree.Mark mark = tree.markOf(pointer);
    errors.add(new ProfileError(file, mark.line(), mark.column(), displayPath(pointer), message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<ProfileError> errors() {
    return List.copyOf(errors);
  }

  /** {@code /fields/2/unit} becomes {@code fields[2].unit}. */
  static String displayPath(String pointer) {
    if (pointer.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String token : pointer.substring(1).split("/", -1)) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (!key.isEmpty() && key.chars().allMatch(Character::isDigit) && out.length() > 0) {
        out.append('[').append(key).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(key);
      }
    }
    return out.toString();
  }
}
