package org.citygate.profiles.model;

/**
 * An IPSO / LwM2M object and resource id, e.g. presence {@code 3302/5500}. The object instance is a
 * property of the device, not of the profile, so it is not part of the reference.
 */
public record IpsoRef(int objectId, int resourceId) {
  /** Checks both ids are in the LwM2M range 0..65535. */
  public IpsoRef {
    if (objectId < 0 || objectId > 65535 || resourceId < 0 || resourceId > 65535) {
      throw new IllegalArgumentException(
          "IPSO ids must be 0..65535, got " + objectId + "/" + resourceId);
    }
  }

  /** Parses {@code "3302/5500"}. */
  public static IpsoRef parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash != text.lastIndexOf('/')) {
      throw new IllegalArgumentException("IPSO reference '" + text + "', want OBJECT/RESOURCE");
    }
    try {
      return new IpsoRef(
          Integer.parseInt(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("IPSO reference '" + text + "', want OBJECT/RESOURCE", e);
    }
  }

  @Override
  public String toString() {
    return objectId + "/" + resourceId;
  }
}
