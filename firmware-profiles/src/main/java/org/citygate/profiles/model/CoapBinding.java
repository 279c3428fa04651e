package org.citygate.profiles.model;

import java.util.List;

/**
 * How a device reaches the gateway over CoAP.
 *
 * @param path the resource path the device POSTs or PUTs readings to; {@code {deviceId}} in it
 *     names the device, otherwise the DTLS identity does
 * @param contentFormats the CoAP content formats accepted, e.g. 112 ({@code
 *     application/senml+cbor}) or 110 ({@code application/senml+json}), 50 ({@code
 *     application/json}), 42 (octet stream)
 * @param dtls whether the device must use DTLS (PSK or raw public key)
 */
public record CoapBinding(String path, List<Integer> contentFormats, boolean dtls) {
  /** Copies the list and checks the path is absolute. */
  public CoapBinding {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("CoAP path '" + path + "' must start with /");
    }
    contentFormats = List.copyOf(contentFormats);
  }
}
