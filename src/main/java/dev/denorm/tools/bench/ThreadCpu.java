package dev.denorm.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app child's CPU seconds by kind of thread, from {@code /proc/<pid>/task/*}: where its CPU
 * goes without a profiler (JFR samples only Java frames: it sees neither the JIT compilers nor
 * RocksDB's native threads). Threads that have ended are not counted.
 */
final class ThreadCpu {

  static final String[] KINDS = {"Kafka Streams threads", "JIT compilers", "RocksDB background", "producer I/O", "GC",
      "other"};

  private ThreadCpu() {}

  static Map<String, Double> of(long pid, String applicationId) throws IOException {
    return of(Path.of("/proc", Long.toString(pid), "task"), applicationId);
  }

  /** {@code tasks}: a /proc/<pid>/task directory; {@code applicationId}: the prefix of the Streams threads. */
  static Map<String, Double> of(Path tasks, String applicationId) throws IOException {
    var seconds = new LinkedHashMap<String, Double>();
    for (String kind : KINDS) {
      seconds.put(kind, 0.0);
    }
    try (var threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          String name = Files.readString(thread.resolve("comm")).strip();
          String stat = Files.readString(thread.resolve("stat"));
          var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
          seconds.merge(kind(name, applicationId), cpu, Double::sum);
        } catch (NoSuchFileException ended) {
          // the thread ended while it was read
        }
      }
    }
    return seconds;
  }

  static String kind(String name, String applicationId) {
    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
      return "JIT compilers";
    }
    if (name.startsWith("rocksdb:")) {
      return "RocksDB background";
    }
    if (name.startsWith("kafka-producer")) {
      return "producer I/O";
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
      return "GC";
    }
    // Kafka Streams names its stream and state-updater threads <application.id>-<uuid>-...; Linux keeps
    // 15 characters of a name, so they read "denorm-" and hex digits (the app's own are denorm-status, ...)
    if (name.startsWith(applicationId + "-") && name.substring(applicationId.length() + 1).matches("[0-9a-f]+")) {
      return "Kafka Streams threads";
    }
    return "other";
  }
}
