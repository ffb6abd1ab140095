package dev.denorm.tools.bench;

import dev.denorm.config.SinkSettings;
import dev.denorm.config.StackSettings;
import dev.denorm.config.Endpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * denorm {@code run} as a child JVM with every part external (the bench's stack), so that its
 * CPU, heap and RSS are its own. Output goes to a log ({@code app.log}); JFR optionally to {@code app.jfr}.
 */
public final class AppProcess implements AppCpu, AutoCloseable {

  /**
   * glibc's limit of malloc arenas: unbounded (8 per core), RocksDB's native memory fragments and
   * its background threads spend more CPU.
   */
  static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";
  static final String DEFAULT_MALLOC_ARENAS = "2";

  /** The value the app child runs with. */
  static String mallocArenas() {
    return System.getenv().getOrDefault(MALLOC_ARENA_MAX, DEFAULT_MALLOC_ARENAS);
  }

  private final Process process;

  private AppProcess(Process process) {
    this.process = process;
  }

  /** One of the bench's instances: its output to {@code log}, recorded into {@code jfr} unless that is null. */
  static AppProcess start(Endpoints endpoints, Path stateDir, Path log, Path jfr, BenchOptions options)
      throws IOException {
    var sets = new ArrayList<String>();
    sets.add("denorm.http.port=0"); // nothing here reads it, and another app on the machine may hold 9464
    if (options.quick()) {
      // lag is read from committed offsets: a quick level (seconds) must span several commits
      sets.add("commit.interval.ms=500");
    }
    sets.addAll(options.appSets());
    return start(endpoints, stateDir, log, options.appHeap(), jfr, sets, options.appJvm());
  }

  /**
   * {@code run} with every part at {@code endpoints}, its state in {@code stateDir}, its output
   * appended to {@code log}, recorded with JFR into {@code jfr} unless that is null, and each
   * KEY=VALUE of {@code sets} as a {@code --set}.
   */
  public static AppProcess start(Endpoints endpoints, Path stateDir, Path log, String heap, Path jfr, List<String> sets)
      throws IOException {
    return start(endpoints, stateDir, log, heap, jfr, sets, List.of());
  }

  /** As above, with {@code jvmFlags} (e.g. -XX:TieredStopAtLevel=1) for the child JVM. */
  public static AppProcess start(Endpoints endpoints, Path stateDir, Path log, String heap, Path jfr, List<String> sets,
      List<String> jvmFlags)
      throws IOException {
    var java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString());
    // as the image runs it: without jdk.incubator.vector (no Lucene in run), which would cost an AOT cache its linking
    var command = new ArrayList<>(List.of(java, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED"));
    command.addAll(jvmFlags);
    if (jfr != null) {
      // Kafka Streams' stacks are deep: at JFR's default of 64 frames most samples lose our frames
      command.add("-XX:FlightRecorderOptions=stackdepth=1024");
      command.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile,dumponexit=true");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.denorm.app.Main",
        "--set", StackSettings.POSTGRES_URL + "=" + endpoints.jdbcUrl(),
        "--set", StackSettings.POSTGRES_USER + "=" + endpoints.postgresUser(),
        "--set", "bootstrap.servers=" + endpoints.bootstrapServers(),
        "--set", StackSettings.CONNECT_URL + "=" + endpoints.connectUrl(),
        "--set", SinkSettings.HOSTS + "=" + endpoints.searchUrl(),
        "--set", "state.dir=" + stateDir.toAbsolutePath()));
    for (String set : sets) {
      command.addAll(List.of("--set", set));
    }
    command.add("run");
    Files.createDirectories(log.toAbsolutePath().getParent());
    var builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // nothing inherited that would start an embedded part or point elsewhere
    builder.environment().keySet().removeIf(k -> k.startsWith("DENORM_"));
    // as the image runs it (docs/operations.md#memory), unless the bench's caller chose otherwise
    builder.environment().putIfAbsent(MALLOC_ARENA_MAX, DEFAULT_MALLOC_ARENAS);
    builder.environment().put("DENORM_STACK_POSTGRES_PASSWORD", endpoints.postgresPassword().value());
    return new AppProcess(builder.start());
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
  public void kill() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public boolean alive() {
    return process.isAlive();
  }

  /** Java home of the child (the same JDK as this one), for jstat. */
  static Path javaBin() {
    return Path.of(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"))
        .getParent();
  }

  /** User plus system CPU seconds so far, from /proc (clock ticks of 1/100 s). */
  @Override
  public double cpuSeconds() throws IOException {
    var stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** Peak resident set size so far, in MiB (VmHWM kB / 1024). */
  double peakRssMb() throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
        .filter(l -> l.startsWith("VmHWM:")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0)
        .findFirst().orElseThrow(() -> new IOException("no VmHWM for " + pid()));
  }

  /** SIGTERM (the app stops cleanly and JFR writes its file), then a kill if it takes over 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
