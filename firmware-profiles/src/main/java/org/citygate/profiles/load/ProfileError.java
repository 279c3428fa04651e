package org.citygate.profiles.load;

/**
 * One problem in a profile file, located for the person who has to fix it.
 *
 * @param file the file name as given to the loader
 * @param line 1-based line of the offending key or value (0 if unknown)
 * @param column 1-based column (0 if unknown)
 * @param field the path of the offending key, e.g. {@code fields[2].unit} ({@code ""} for the whole
 *     file)
 * @param message what is wrong, saying what was found and what is wanted
 */
public record ProfileError(String file, int line, int column, String field, String message) {
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ");
    if (!field.isEmpty()) {
      out.append(field).append(": ");
    }
    return out.append(message).toString();
  }
}
