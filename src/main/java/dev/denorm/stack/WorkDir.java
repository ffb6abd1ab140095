package dev.denorm.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
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
