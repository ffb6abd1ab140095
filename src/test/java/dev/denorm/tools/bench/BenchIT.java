package dev.denorm.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.denorm.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench command at a tiny scale with short phases, in this JVM (the app in its own child
 * JVM, as always): every figure is produced and plausible. Never how fast.
 */
class BenchIT {

  @TempDir Path out;

  @Test
  @Timeout(300)
  void shouldProduceEveryFigureOfTheRun() throws Exception {
    var stdout = new ByteArrayOutputStream();
    var bench = new Bench(AppConfig.from(Map.of()), new BenchOptions(0.05, out, true, false, "512m"),
        new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);

    int exit = bench.call();

    var report = bench.report();
    var failed = report.figures().stream().filter(f -> f.value() == null).toList();
    assertThat(failed).as("failed or skipped figures").isEmpty();
    assertThat(exit).isZero();
    var size = ShopSize.of(0.05);
    assertThat(value(report, "data", "rows generated (COPY)")).isEqualTo(size.rows());
    for (var name : List.of("rows/s", "docs/s equivalent")) {
      assertThat(value(report, "capture ceiling", name)).isPositive();
    }
    assertThat(value(report, "engine ceiling", "docs/s")).isPositive();
    for (var name : List.of("first document searchable", "all documents searchable", "products docs/s",
        "customers docs/s", "orders docs/s", "overall docs/s")) {
      assertThat(value(report, "backfill", name)).as(name).isPositive();
    }
    assertThat(value(report, "backfill", "all documents searchable"))
        .isGreaterThanOrEqualTo(value(report, "backfill", "first document searchable"));
    assertThat(value(report, "backfill", "ratio to the lower ceiling")).isStrictlyBetween(0.0, 10.0);
    assertThat(value(report, "backfill", "ceiling of capture and engine sharing the cores"))
        .isPositive().isLessThan(Math.min(value(report, "capture ceiling", "docs/s equivalent"),
            value(report, "engine ceiling", "docs/s")));
    assertThat(value(report, "backfill", "ratio to the shared ceiling"))
        .isGreaterThan(value(report, "backfill", "ratio to the lower ceiling"));
    var phases = List.of("freshness idle", "load 50/s", "load 100/s", "load 200/s");
    for (var phase : phases) {
      for (var field : List.of("products.name", "orders.status")) {
        double p50 = value(report, phase, field + " p50");
        double p95 = value(report, phase, field + " p95");
        double p99 = value(report, phase, field + " p99");
        double max = value(report, phase, field + " max");
        assertThat(p50).as(phase + " " + field).isPositive().isLessThanOrEqualTo(p95);
        assertThat(p95).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
        // where the time went: four stages, each within the whole (record timestamps may skew a few ms)
        double stagesP50 = 0;
        for (var stage : List.of("commit to change topic", "change topic to document topic", "document topic to indexed",
            "indexed to searchable")) {
          double stageP50 = value(report, phase, field + " " + stage + " p50");
          assertThat(stageP50).as(phase + " " + field + " " + stage).isBetween(-50.0, max + 50)
              .isLessThanOrEqualTo(value(report, phase, field + " " + stage + " p99"));
          stagesP50 += stageP50;
        }
        assertThat(stagesP50).as(phase + " " + field + ": the stages' p50s add up to about a latency").isBetween(0.0, 2 * max + 200);
      }
    }
    for (var phase : phases.subList(1, phases.size())) {
      assertThat(value(report, phase, "achieved rate")).as(phase).isPositive();
      assertThat(value(report, phase, "writes per change")).as(phase).isStrictlyBetween(0.0, 10.0);
      assertThat(value(report, phase, "lag at the end")).as(phase).isNotNegative();
      assertThat(value(report, phase, "lag trend")).as(phase).isFinite();
      // where the cores went: both sides worked, within the machine, and the app alone could carry at least the rate
      int cores = Runtime.getRuntime().availableProcessors();
      double app = value(report, phase, "app cores");
      double rest = value(report, phase, "rest cores");
      assertThat(app).as(phase).isStrictlyBetween(0.0, cores + 0.01);
      assertThat(rest).as(phase).isStrictlyBetween(0.0, cores + 0.01);
      assertThat(value(report, phase, "machine busy cores")).as(phase).isCloseTo(app + rest, within(0.05));
      assertThat(value(report, phase, "app CPU per change")).as(phase).isPositive();
      // the projection at the share the app had gives back about the rate it carried
      assertThat(value(report, phase, "app-only CPU ceiling") * app / cores).as(phase)
          .isCloseTo(value(report, phase, "achieved rate"), withinPercentage(50));
    }
    // where the cores went during the backfill: the app and the rest (capture, engine) both worked
    double backfillApp = value(report, "backfill", "app cores");
    double backfillRest = value(report, "backfill", "rest cores");
    assertThat(backfillApp).as("backfill app cores").isStrictlyBetween(0.0, Runtime.getRuntime().availableProcessors() + 0.01);
    assertThat(backfillRest).as("backfill rest cores").isPositive();
    assertThat(value(report, "backfill", "machine busy cores")).isCloseTo(backfillApp + backfillRest, within(0.05));
    assertThat(value(report, "sustainable rate", "highest bounded rate")).isNotNegative();
    // one table's load: orders.status updates alone, its freshness probed all along
    var oneTable = "load orders.status 100/s";
    assertThat(value(report, oneTable, "achieved rate")).isPositive();
    assertThat(value(report, oneTable, "orders.status p50")).isPositive()
        .isLessThanOrEqualTo(value(report, oneTable, "orders.status p99"));
    assertThat(report.value(oneTable, "products.name p50")).as("only orders.status is probed").isEmpty();
    assertThat(value(report, oneTable, "writes per change")).as("at most the change's orders document, no customer's")
        .isStrictlyBetween(0.0, 1.5);
    // the one instance owns every task, read after the backfill and at the end
    for (var phase : List.of("tasks after the backfill", "tasks at the end")) {
      assertThat(value(report, phase, "instance 1 active tasks")).as(phase).isPositive();
      for (var index : List.of("products", "customers", "orders")) {
        assertThat(value(report, phase, "instance 1 " + index + " assembly tasks")).as(phase + " " + index).isPositive();
        assertThat(value(report, phase, "instance 1 " + index + " sink tasks")).as(phase + " " + index).isPositive();
      }
      assertThat(value(report, phase, "instance 1 change-table tasks")).as(phase).isEqualTo(5);
    }
    assertThat(value(report, "fan-out", "orders with product 1")).isPositive();
    assertThat(value(report, "fan-out", "rename visible in all orders")).isPositive();
    assertThat(value(report, "fan-out", "writes per affected order")).isStrictlyBetween(0.0, 10.0);
    for (var name : List.of("app CPU", "app peak RSS", "app peak heap used", "app state directory",
        "Kafka change topics on disk", "Kafka internal topics on disk", "Kafka document topics on disk",
        "engine index store")) {
      assertThat(value(report, "resources", name)).as(name).isPositive();
    }
    // the app's CPU by kind of thread: its stream threads and JIT worked, and the kinds add up to no more than it
    double byThread = 0;
    for (String kind : ThreadCpu.KINDS) {
      double seconds = value(report, "resources", "app CPU over the whole run, " + kind);
      assertThat(seconds).as(kind).isNotNegative();
      byThread += seconds;
    }
    assertThat(value(report, "resources", "app CPU over the whole run, Kafka Streams threads")).isPositive();
    assertThat(value(report, "resources", "app CPU over the whole run, JIT compilers")).isPositive();
    assertThat(byThread).isLessThanOrEqualTo(value(report, "resources", "app CPU") + 0.05);
    assertThat(value(report, "resources", "app CPU during the backfill, Kafka Streams threads")).isPositive();
    // the start: its time, and its CPU read when Kafka Streams ran, which the backfill's CPU (the app's so far) includes
    assertThat(value(report, "backfill", "app start: launch to RUNNING")).isPositive();
    assertThat(value(report, "resources", "app CPU at RUNNING")).isPositive()
        .isLessThanOrEqualTo(value(report, "resources", "app CPU during the backfill"));
    assertThat(value(report, "resources", "app CPU at RUNNING, JIT compilers")).isPositive();
    assertThat(Files.readString(out.resolve("bench.md"))).contains("| backfill | overall docs/s |");
    assertThat(Files.readString(out.resolve("bench.csv"))).startsWith("phase,figure,value,unit,note");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("| resources | app peak RSS |");
    // the bench's app child: its state.dir is in the bench's work directory (FaultRunIT's instances may run beside)
    assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
        .matches(".*dev\\.denorm\\.app\\.Main.*state\\.dir=\\S*denorm-bench-.*"))).as("the app child is stopped").isEmpty();
  }

  @Test
  @Timeout(300)
  void shouldSplitTheAssemblyTasksOverBothInstancesAndNameThemWhenInstancesIsTwo() throws Exception {
    var stdout = new ByteArrayOutputStream();
    var options = new BenchOptions(0.05, out, true, false, "512m", List.of("denorm.partitions=6"), true, List.of(), List.of(), 2);
    var bench = new Bench(AppConfig.from(Map.of()), options, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        System.err);

    int exit = bench.call();

    var report = bench.report();
    assertThat(report.figures().stream().filter(f -> f.value() == null).toList()).as("failed figures").isEmpty();
    assertThat(exit).isZero();
    var phase = "tasks after the backfill";
    for (var instance : List.of("instance 1", "instance 2")) {
      assertThat(value(report, phase, instance + " active tasks")).as(instance).isPositive();
      assertThat(value(report, phase, instance + " orders assembly tasks")).as(instance + " got orders tasks")
          .isPositive();
    }
    for (var index : List.of("products", "customers", "orders")) {
      assertThat(value(report, phase, "instance 1 " + index + " assembly tasks")
          + value(report, phase, "instance 2 " + index + " assembly tasks")).as(index + ": each of the 6 partitions once")
          .isEqualTo(6);
    }
    // the totals are named for what they are, and each instance's figures add up to them
    double cpu = value(report, "resources", "app CPU, 2 instances summed");
    assertThat(value(report, "resources", "instance 1 CPU") + value(report, "resources", "instance 2 CPU"))
        .isCloseTo(cpu, within(0.5));
    for (var name : List.of("peak RSS", "peak heap used", "state directory")) {
      double one = value(report, "resources", "instance 1 " + name);
      double two = value(report, "resources", "instance 2 " + name);
      assertThat(one).as(name).isPositive();
      assertThat(two).as(name).isPositive();
      assertThat(value(report, "resources", "app " + name + ", 2 instances summed")).as(name)
          .isCloseTo(one + two, within(0.01));
    }
    assertThat(value(report, "resources", "app peak RSS, largest of 2 instances"))
        .isEqualTo(Math.max(value(report, "resources", "instance 1 peak RSS"), value(report, "resources", "instance 2 peak RSS")));
    assertThat(value(report, "resources", "app CPU during the backfill, Kafka Streams threads, 2 instances summed"))
        .isPositive();
    assertThat(Files.readString(out.resolve("bench.md"))).contains("| tasks after the backfill | instance 2 orders assembly tasks |")
        .contains("2 instances of one application.id");
    for (var log : List.of("app-1.log", "app-2.log")) {
      assertThat(Files.readString(out.resolve(log))).as(log).contains("HTTP endpoint at");
    }
    assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
        .matches(".*dev\\.denorm\\.app\\.Main.*state\\.dir=\\S*denorm-bench-.*"))).as("the app children are stopped").isEmpty();
  }

  private static double value(Report report, String phase, String name) {
    return report.value(phase, name).orElseThrow(() -> new AssertionError("no figure " + phase + " / " + name));
  }
}
