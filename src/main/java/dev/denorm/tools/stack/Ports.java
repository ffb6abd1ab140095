package dev.denorm.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1, for parts that need a concrete port before they start. */
final class Ports {

  private Ports() {}

  /** The given port, or a free one when it is 0. */
  static int orFree(int port) {
    if (port != 0) {
      return port;
    }
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
