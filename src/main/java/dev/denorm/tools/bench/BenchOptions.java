package dev.denorm.tools.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bench command's options.
 *
 * @param scale size of the shop: 500·scale products, 1000·scale customers, ... (may be fractional)
 * @param out where the table, the CSV, the app's log and its JFR recording go
 * @param quick short phases (a few seconds per load level, low rates, few probes), for the test
 * @param jfr record the app child with JFR (profile settings) into {@code out/app.jfr}
 * @param appHeap -Xmx of the app child, e.g. 1g
 * @param appSets KEY=VALUE settings passed to the app child as --set, to measure a knob
 * @param backfillOnly stop after the backfill and the engine ceiling
 * @param appJvm options for the app child's JVM, to measure one (e.g. -XX:TieredStopAtLevel=1)
 * @param connectorSets KEY=VALUE settings laid over the connector's config before the stack registers it, to
 *     measure a connector setting (e.g. its table.include.list, whose order is the snapshot's)
 * @param instances app child JVMs of one application.id that share the tasks ({@link AppInstances})
 */
public record BenchOptions(double scale, Path out, boolean quick, boolean jfr, String appHeap, List<String> appSets,
    boolean backfillOnly, List<String> appJvm, List<String> connectorSets, int instances) {

  /** The most instances: each is a JVM of its own on the bench's machine. */
  static final int MAX_INSTANCES = 8;

  public BenchOptions(double scale, Path out, boolean quick, boolean jfr, String appHeap) {
    this(scale, out, quick, jfr, appHeap, List.of(), false, List.of(), List.of(), 1);
  }

  public BenchOptions {
    appSets = List.copyOf(appSets);
    appJvm = List.copyOf(appJvm);
    connectorSets = List.copyOf(connectorSets);
    for (String set : connectorSets) {
      if (set.indexOf('=') <= 0) {
        throw new IllegalArgumentException("--connector-set needs KEY=VALUE, got " + set);
      }
    }
    for (String flag : appJvm) {
      if (!flag.startsWith("-")) {
        throw new IllegalArgumentException("--app-jvm needs a JVM option starting with '-', got " + flag);
      }
    }
    for (String set : appSets) {
      if (set.indexOf('=') <= 0) {
        throw new IllegalArgumentException("--app-set needs KEY=VALUE, got " + set);
      }
    }
    if (!(scale > 0) || scale > 1000) {
      throw new IllegalArgumentException("--scale must be in (0, 1000], got " + scale);
    }
    if (!appHeap.matches("[0-9]+[kKmMgG]?")) {
      throw new IllegalArgumentException("--app-heap must look like 1g or 768m, got " + appHeap);
    }
    if (instances < 1 || instances > MAX_INSTANCES) {
      throw new IllegalArgumentException("--instances must be in [1, " + MAX_INSTANCES + "], got " + instances);
    }
    if (instances > 1) {
      for (String set : appSets) {
        String key = set.substring(0, set.indexOf('='));
        // each instance takes a free port and a state directory of its own; one given would be shared
        if (key.equals("state.dir") || (key.equals("denorm.http.port") && !set.equals("denorm.http.port=0"))) {
          throw new IllegalArgumentException("--app-set " + set + " would be the same for the " + instances
              + " instances; the bench gives each its own " + key);
        }
      }
    }
  }

  /** From the command line's options (name to value). */
  public static BenchOptions from(Function<String, Optional<String>> option, List<String> appSets, List<String> appJvm) {
    return from(option, appSets, appJvm, List.of());
  }

  /** From the command line's options, with the repeated --connector-set ones. */
  public static BenchOptions from(Function<String, Optional<String>> option, List<String> appSets, List<String> appJvm,
      List<String> connectorSets) {
    double scale;
    try {
      scale = Double.parseDouble(option.apply("scale").orElse("10"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--scale needs a number, got " + option.apply("scale").orElse(""));
    }
    int instances;
    try {
      instances = Integer.parseInt(option.apply("instances").orElse("1"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--instances needs a whole number, got " + option.apply("instances").orElse(""));
    }
    return new BenchOptions(scale, Path.of(option.apply("out").orElse("target/bench")),
        option.apply("quick").isPresent(), option.apply("jfr").isPresent(), option.apply("app-heap").orElse("1g"), appSets,
        option.apply("backfill-only").isPresent(), appJvm, connectorSets, instances);
  }

  /** The --connector-set settings, key to value. */
  Map<String, String> connectorSettings() {
    var settings = new LinkedHashMap<String, String>();
    for (String set : connectorSets) {
      settings.put(set.substring(0, set.indexOf('=')), set.substring(set.indexOf('=') + 1));
    }
    return settings;
  }

  /** Duration of one load level in seconds. */
  int levelSeconds() {
    return quick ? 5 : 60;
  }

  /** Seconds into a load level at which the reference lag is taken (15 s of a minute). */
  int lagReferenceSeconds() {
    return quick ? 2 : 15;
  }

  /** The windows whose least lags are compared: longer than the app's commit interval (5 s). */
  int lagWindowSeconds() {
    return quick ? 2 : 8;
  }

  /** Freshness probes per field while idle, and under each load level. */
  int idleProbes() {
    return quick ? 10 : 50;
  }

  int loadProbes() {
    return quick ? 10 : 20;
  }

  /** The load of one table: orders.status updates per second, for {@link #ordersStatusSeconds()}. */
  int ordersStatusRate() {
    return quick ? 100 : 1000;
  }

  int ordersStatusSeconds() {
    return quick ? 5 : 30;
  }

  /** Freshness probes under that load: 5 a second until 5 s before its end, so they span it. */
  int ordersStatusProbes() {
    return quick ? loadProbes() : 5 * (ordersStatusSeconds() - 5);
  }

  /** Background load levels in changes/s, stepped up until the first unbounded one. */
  int[] levels() {
    return quick ? new int[] {50, 100, 200} : new int[] {1000, 2000, 3000, 5000, 8000};
  }
}
