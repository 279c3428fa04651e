package org.citygate.proofs.bundle;

/**
 * A proof bundle that cannot be read: not JSON, a missing or mistyped field, a malformed value. The
 * message names the field by its JSON path, e.g. {@code epoch.path[2]: not a hex digit 'z' at
 * position 7}.
 */
public final class BundleFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem at {@code path}. */
  public BundleFormatException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
  }

  /** A problem at {@code path} with its cause. */
  public BundleFormatException(String path, String problem, Throwable cause) {
    super(path.isEmpty() ? problem : path + ": " + problem, cause);
  }
}
