package dev.denorm.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the machine's cores went between two readings: the app child's CPU, the rest of the
 * machine's (the bench JVM with the broker, Connect, the engine and the load generator, and
 * PostgreSQL), and what the hypervisor took (steal). From {@code /proc/stat} and
 * {@code /proc/<pid>/stat}, in clock ticks of 1/100 s. Divided by the changes committed in
 * between, it gives each side's CPU cost of a change, and from the app's the rate the cores could
 * carry for the app alone: a linear projection, pessimistic where part of the cost is fixed (the
 * probes, the commits), so read it at the highest level that ran. No such projection is made for
 * the whole stack: once the machine is saturated its parts spend what CPU there is (the engine
 * merges more, batches grow), so the cost per change it would give only restates the rate reached.
 */
record CpuSplit(double appSeconds, double busySeconds, double stealSeconds, double wallSeconds) {

  /** A reading: the app's CPU seconds so far, the machine's busy and steal seconds so far. */
  record Reading(double app, double busy, double steal, long nanos) {}

  static Reading read(AppCpu app) throws IOException {
    return read(Path.of("/proc/stat"), app.cpuSeconds());
  }

  /** {@code stat}: a /proc/stat file; {@code appSeconds}: the app's CPU seconds so far. */
  static Reading read(Path stat, double appSeconds) throws IOException {
    String cpu = Files.readAllLines(stat).stream().filter(l -> l.startsWith("cpu ")).findFirst()
        .orElseThrow(() -> new IOException("no cpu line in " + stat));
    var fields = cpu.substring(4).strip().split("\\s+");
    long busy = 0;
    for (int i = 0; i < Math.min(fields.length, 8); i++) {
      if (i != 3 && i != 4 && i != 7) { // idle, iowait and steal are not this machine's work
        busy += Long.parseLong(fields[i]);
      }
    }
    long steal = fields.length > 7 ? Long.parseLong(fields[7]) : 0;
    return new Reading(appSeconds, busy / 100.0, steal / 100.0, System.nanoTime());
  }

  static CpuSplit between(Reading before, Reading after) {
    return new CpuSplit(after.app() - before.app(), after.busy() - before.busy(), after.steal() - before.steal(),
        (after.nanos() - before.nanos()) / 1e9);
  }

  double appCores() {
    return appSeconds / wallSeconds;
  }

  /** CPU seconds busy outside the app (never below 0: the two are read a moment apart). */
  double restSeconds() {
    return Math.max(0, busySeconds - appSeconds);
  }

  double restCores() {
    return restSeconds() / wallSeconds;
  }

  double stealCores() {
    return stealSeconds / wallSeconds;
  }

  /** Cores busy on the whole machine: the app and the rest. */
  double busyCores() {
    return busySeconds / wallSeconds;
  }

  /** The rate {@code cores} could carry for the app alone (the rest on cores of its own). */
  double projectedAppRate(int cores, long changes) {
    return changes == 0 || appSeconds == 0 ? 0 : cores / (appSeconds / changes);
  }

  /** Adds where the cores went to a phase of the report: the app's, the rest's, the machine's, the hypervisor's. */
  void reportCores(Report report, String phase, AppCpu app, String span) {
    int cores = Runtime.getRuntime().availableProcessors();
    report.add(phase, app.summed("app cores"), appCores(), "cores", "CPU of the app (all its instances) / wall time of "
        + span);
    report.add(phase, "rest cores", restCores(), "cores",
        "the machine's other busy CPU: broker, Connect, engine, load generator, PostgreSQL");
    report.add(phase, "machine busy cores", busyCores(), "cores", "of " + cores + "; at " + cores
        + " the parts wait for CPU");
    report.add(phase, "steal cores", stealCores(), "cores", "taken by the hypervisor (a shared machine)");
  }

  /**
   * Adds the split, the cost per change and the app-only projection to a phase of the report; the
   * app's figures are named as {@code app} names its sums (its instances together).
   */
  void report(Report report, String phase, long changes, AppCpu app) {
    int cores = Runtime.getRuntime().availableProcessors();
    reportCores(report, phase, app, "the level");
    if (changes > 0) {
      report.add(phase, app.summed("app CPU per change"), appSeconds / changes * 1e6, "µs");
      report.add(phase, "rest CPU per change", restSeconds() / changes * 1e6, "µs");
    }
    report.add(phase, app.summed("app-only CPU ceiling"), projectedAppRate(cores, changes), "changes/s",
        "the " + cores + " cores at the app's CPU per change, the rest on cores of its own (a linear projection)");
  }
}
