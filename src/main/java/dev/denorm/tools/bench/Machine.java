package dev.denorm.tools.bench;

import java.util.Locale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the run ran on: cores, memory, load average, JDK. */
final class Machine {

  private Machine() {}

  static String cores() {
    return Runtime.getRuntime().availableProcessors() + " cores";
  }

  static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024.0)
          .map(gb -> String.format(Locale.ROOT, "%.1f GiB memory", gb)).findFirst().orElse("memory unknown");
    } catch (IOException e) {
      return "memory unknown";
    }
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    try {
      var parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String jdk() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + ")";
  }
}
