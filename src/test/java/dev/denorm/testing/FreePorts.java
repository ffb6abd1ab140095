package dev.denorm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** A currently free TCP port on 127.0.0.1 (closed again; a small race remains). */
public final class FreePorts {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST_KEPT = 10_000;
  private static final Set<Integer> KEPT = new HashSet<>();

  private FreePorts() {}

  public static int next() {
    try (var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A free port below the kernel's ephemeral range, for a part that is stopped and started again on
   * the same port: while it is down, a port of the ephemeral range can be taken by any outgoing
   * connection on the machine or by another test's {@link #next()}, and the part could not listen
   * again (a fault run in CI saw PostgreSQL not come back). Never the same port twice in this JVM.
   */
  public static synchronized int kept() {
    int below = ephemeralLow();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST_KEPT, below);
      if (!KEPT.contains(port) && bindable(port)) {
        KEPT.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + LOWEST_KEPT + ".." + (below - 1) + " after 200 tries");
  }

  private static boolean bindable(int port) {
    try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** The lowest port of the ephemeral range (Linux), or 32768 where it cannot be read. */
  static int ephemeralLow() {
    try {
      int low = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).strip().split("\\s+")[0]);
      return low > LOWEST_KEPT + 1000 ? low : 32_768;
    } catch (IOException | RuntimeException unreadable) {
      return 32_768;
    }
  }
}
