package dev.denorm.tools.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app's resources in the report: CPU seconds (and by kind of thread, {@link ThreadCpu}), peak
 * RSS, peak heap used, state directory. With several instances each one's, and the totals: CPU,
 * the state directories and RSS summed; RSS and heap also the largest instance's (the sum of
 * peaks that need not have coincided is an upper bound of what the instances held at once).
 */
final class AppResources {

  private static final String PHASE = "resources";
  private final AppInstances apps;
  private final String applicationId;
  private final String heapSize;
  private final Report report;

  AppResources(AppInstances apps, String applicationId, String heapSize, Report report) {
    this.apps = apps;
    this.applicationId = applicationId;
    this.heapSize = heapSize;
    this.report = report;
  }

  /** CPU so far: figure {@code name} ("app CPU ..."), each instance's when several, and by kind of thread {@code when}. */
  void cpu(String name, String note, String when) {
    try {
      report.add(PHASE, apps.summed(name), apps.cpuSeconds(), "s", note);
      if (apps.size() > 1) {
        for (var instance : apps.all()) {
          report.add(PHASE, instance.label() + name.substring("app".length()), instance.process().cpuSeconds(), "s",
              note + ", pid " + instance.process().pid());
        }
      }
    } catch (Exception e) {
      report.fail(PHASE, apps.summed(name), e.toString());
    }
    try {
      var byKind = new LinkedHashMap<String, Double>();
      for (var instance : apps.all()) {
        ThreadCpu.of(instance.process().pid(), applicationId).forEach((kind, seconds) -> byKind.merge(kind, seconds,
            Double::sum));
      }
      byKind.forEach((kind, seconds) -> report.add(PHASE, apps.summed("app CPU " + when + ", " + kind), seconds, "s",
          "threads alive at the end of the phase, /proc/<pid>/task"));
    } catch (Exception e) {
      report.fail(PHASE, apps.summed("app CPU by thread " + when), e.toString());
    }
  }

  /** At the end of the run: CPU, RSS, heap and state directory. */
  void atTheEnd() {
    cpu("app CPU", "user + system, whole run", "over the whole run");
    var rss = new LinkedHashMap<String, Double>();
    var heap = new LinkedHashMap<String, Double>();
    var state = new LinkedHashMap<String, Double>();
    for (var instance : apps.all()) {
      try {
        rss.put(instance.label(), instance.process().peakRssMb());
      } catch (Exception e) {
        report.fail(PHASE, instance.label() + " peak RSS", e.toString());
      }
      if (instance.heap().peakMb() < 0) {
        report.fail(PHASE, instance.label() + " peak heap used", "no jstat sample");
      } else {
        heap.put(instance.label(), instance.heap().peakMb());
      }
      try {
        state.put(instance.label(), BenchFiles.size(instance.stateDir()) / 1048576.0);
      } catch (Exception e) {
        report.fail(PHASE, instance.label() + " state directory", e.toString());
      }
    }
    perInstance(" peak RSS", rss, "VmHWM, -Xmx" + heapSize);
    perInstance(" peak heap used", heap, "jstat -gc every second");
    perInstance(" state directory", state, "at the end");
    total("app peak RSS", rss, true, "VmHWM, -Xmx" + heapSize);
    total("app peak heap used", heap, true, "jstat -gc every second, " + apps.all().stream()
        .map(i -> Integer.toString(i.heap().samples())).reduce((a, b) -> a + " + " + b).orElse("0") + " samples");
    total("app state directory", state, false, "at the end");
  }

  private void perInstance(String name, Map<String, Double> values, String note) {
    if (apps.size() > 1) {
      values.forEach((instance, mb) -> report.add(PHASE, instance + name, mb, "MiB", note));
    }
  }

  /** The sum, and where it fits ({@code largest}) the largest; for one instance both are its figure, reported once. */
  private void total(String name, Map<String, Double> values, boolean largest, String note) {
    if (values.size() < apps.size()) {
      report.fail(PHASE, apps.summed(name), "not every instance's figure was read");
      return;
    }
    report.add(PHASE, apps.summed(name), values.values().stream().mapToDouble(Double::doubleValue).sum(), "MiB", note);
    if (largest && apps.size() > 1) {
      report.add(PHASE, apps.largest(name), values.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
          "MiB", note);
    }
  }
}
