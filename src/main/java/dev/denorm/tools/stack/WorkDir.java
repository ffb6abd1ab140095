package dev.denorm.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** The stack's data directory: the configured one (kept), or a temporary one (deleted at close). */
record WorkDir(Path path, boolean temporary) implements AutoCloseable {

  static WorkDir of(Optional<Path> configured) {
    try {
      if (configured.isPresent()) {
        return new WorkDir(Files.createDirectories(configured.get().toAbsolutePath()), false);
      }
      return new WorkDir(Files.createTempDirectory("denorm-stack-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the stack's data directory", e);
    }
  }

  /**
   * The port of a part: the configured one; else, with a kept data directory, the one chosen at
   * the first start (so endpoints and stored connector settings stay valid across restarts);
   * else 0, a free one chosen by the part.
   */
  int port(String part, int configured) {
    if (configured != 0 || temporary) {
      return configured;
    }
    var file = path.resolve("ports.properties");
    var ports = new Properties();
    try {
      synchronized (WorkDir.class) {
        if (Files.exists(file)) {
          try (var in = Files.newBufferedReader(file)) {
            ports.load(in);
          }
        }
        var known = ports.getProperty(part);
        if (known != null) {
          return Integer.parseInt(known);
        }
        int port = Ports.orFree(0);
        ports.setProperty(part, Integer.toString(port));
        try (var out = Files.newBufferedWriter(file)) {
          ports.store(out, "ports chosen at the first start; delete to choose again");
        }
        return port;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  @Override
  public void close() {
    if (temporary) {
      delete(path);
    }
  }

  static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
