package org.citygate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for child servers.
 *
 * <p>A port found by binding port 0 is free only a moment: another process may take it before the
 * child binds it. Every helper here therefore retries its start on a fresh port when the child
 * cannot bind.
 */
public final class FreePort {
  private FreePort() {}

  /** A loopback TCP port that was free a moment ago. */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
