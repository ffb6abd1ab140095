package dev.denorm.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A stack part ({@code dev.denorm.tools.stack.PartMain}) as a child JVM that the fault run stops, kills,
 * freezes and starts again on the same ports and data directory. Its output is appended to its log.
 */
final class PartProcess implements AutoCloseable {

  private final String name;
  private final List<String> arguments;
  private final Path log;
  private final String heap;
  private Process process;
  private String endpoint;
  private final List<Long> pids = new ArrayList<>();

  PartProcess(String name, Path log, String heap, String... arguments) {
    this.name = name;
    this.log = log;
    this.heap = heap;
    this.arguments = List.of(arguments);
  }

  /** Every process this part was started as. */
  List<Long> pids() {
    return List.copyOf(pids);
  }

  /** Starts it and waits (bounded) for its READY line. */
  PartProcess start() throws IOException {
    var command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.denorm.tools.stack.PartMain"));
    command.addAll(arguments);
    Files.createDirectories(log.getParent());
    long offset = Files.exists(log) ? Files.size(log) : 0;
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    pids.add(process.pid());
    // longer than any part's own start-up bound (PostgreSQL's is 120 s), so that its own error is the one seen
    Awaitility.await(name + " ready").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
          }
          return readyLine(offset) != null;
        });
    endpoint = readyLine(offset).substring("READY ".length()).strip();
    return this;
  }

  private String readyLine(long from) throws IOException {
    try (var in = Files.newInputStream(log)) {
      in.skipNBytes(from);
      for (String line : new String(in.readAllBytes()).split("\n")) {
        if (line.startsWith("READY ")) {
          return line;
        }
      }
    }
    return null;
  }

  String endpoint() {
    return endpoint;
  }

  String name() {
    return name;
  }

  /** SIGTERM, and wait for a clean stop (PostgreSQL's may wait up to 120 s for its postmaster). */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /** SIGKILL. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString());
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      try {
        thaw();
      } catch (IOException e) {
        // it is being stopped anyway
      }
      stop();
    }
  }
}
