package dev.denorm.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.LongStream;

/** Small helpers: the bench's temporary directory, directory sizes, probe row ids. */
final class BenchFiles {

  private BenchFiles() {}

  /** Bytes of the regular files under a directory (files vanishing meanwhile are skipped). */
  static long size(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (NoSuchFileException gone) {
          return 0;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      Progress.line("could not delete %s: %s", dir, e);
    }
  }

  /** The {@code count} highest ids of a table whose ids are 1..rows. */
  static long[] topIds(int rows, int count) {
    return LongStream.iterate(rows, id -> id - 1).limit(Math.max(1, count)).toArray();
  }
}
