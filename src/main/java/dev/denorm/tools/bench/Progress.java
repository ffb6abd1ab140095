package dev.denorm.tools.bench;

import java.util.Locale;

/** Progress lines on stderr, with seconds since the bench started. */
final class Progress {

  private static final long START = System.nanoTime();

  private Progress() {}

  static void line(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[bench %6.1f s] %s%n", (System.nanoTime() - START) / 1e9,
        String.format(Locale.ROOT, format, args));
  }
}
