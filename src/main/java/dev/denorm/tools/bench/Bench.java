package dev.denorm.tools.bench;

import dev.denorm.assembly.RepairTopic;
import dev.denorm.index.Indexes;
import org.apache.kafka.streams.StreamsConfig;
import java.util.Locale;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.tools.stack.Stack;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench}: hosts the embedded stack, fills it (COPY), measures the capture ceiling before
 * the real connector is registered, then starts denorm as a child JVM (or {@code --instances N} of
 * one application.id), waits until it runs, registers the connector and measures the backfill, the engine ceiling, freshness, fan-out, a load
 * of one table, load levels, the tasks each instance owns and the children's resources. Every
 * phase that fails is reported as failed and the run goes on; the report is always written.
 */
public final class Bench implements Callable<Integer> {

  private final AppConfig config;
  private final BenchOptions options;
  private final PrintStream out;
  private final Report report = new Report();
  private final ShopSize size;
  private volatile AppInstances app;
  private volatile long registered;
  /** The machine's and the app's CPU at the registration: where the cores went during the backfill. */
  private volatile CpuSplit.Reading cpuAtRegistration;
  private Path work;
  private volatile Stack stack;
  private boolean stopped;

  public Bench(AppConfig config, BenchOptions options, PrintStream out, PrintStream err) {
    this.config = config;
    this.options = options;
    this.out = out;
    this.size = ShopSize.of(options.scale());
  }

  @Override
  public Integer call() throws Exception {
    Progress.line("scale %s: starting the embedded stack", options.scale());
    report.machine(Machine.cores() + ", " + Machine.memory() + ", " + Machine.jdk());
    report.machine("scale " + options.scale() + ": " + size + ", " + size.rows() + " rows, "
        + size.documents() + " documents" + (options.quick() ? ", quick" : ""));
    report.machine("app: " + options.instances() + (options.instances() == 1 ? " instance" : " instances of one"
        + " application.id; a figure named 'N instances summed' is their sum, 'largest of N' the largest one's")
        + (options.appSets().isEmpty() ? "" : ", with " + String.join(" ", options.appSets()))
        + ", MALLOC_ARENA_MAX=" + AppProcess.mallocArenas());
    report.machine("load average before: " + Machine.loadAverage());
    work = Files.createTempDirectory("denorm-bench-");
    // Ctrl-C or SIGTERM: the app child, the stack and the temporary directory go too
    var hook = new Thread(this::stopAll, "bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stack = Stack.start(config, this::setup, options.connectorSettings());
      measure(stack.endpoints());
    } catch (Exception e) {
      report.fail("bench", "run", e.toString());
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs already
      }
      stopAll();
      report.machine("load average after: " + Machine.loadAverage());
      report.write(options.out());
      out.print(report.markdown());
      Progress.line("report written to %s", options.out().toAbsolutePath());
    }
    return report.figures().stream().anyMatch(f -> f.value() == null && !f.note().startsWith("skipped")) ? 1 : 0;
  }

  /** The figures of the run, for the test. */
  Report report() {
    return report;
  }

  /** After the schema exists, before the real connector is registered: data, capture ceiling, the app. */
  private void setup(Endpoints endpoints) throws Exception {
    long start = System.nanoTime();
    try (var c = endpoints.connect()) {
      new ShopCopyGenerator(size).fill(c);
    }
    report.add("data", "rows generated (COPY)", size.rows(), "rows", String.format(Locale.ROOT,
        "in %.1f s", (System.nanoTime() - start) / 1e9));
    try {
      double seconds = new CaptureCeiling(endpoints).run(size.rows(), Duration.ofSeconds(60 + size.rows() / 1000));
      report.add("capture ceiling", "rows/s", size.rows() / seconds, "rows/s", String.format(Locale.ROOT,
          "Debezium snapshot alone, %.1f s", seconds));
      report.add("capture ceiling", "docs/s equivalent", size.documents() / seconds, "docs/s", "");
    } catch (Exception e) {
      report.fail("capture ceiling", "rows/s", e.toString());
    }
    engineCeiling(endpoints);
    // the app runs before the connector exists, as a deployed one does: it creates the change topics
    // and takes in each table as the connector writes it. Its own start is a figure of its own.
    long launched = System.nanoTime();
    app = AppInstances.start(endpoints, work, options);
    app.awaitRunning(Duration.ofSeconds(180));
    report.add("backfill", "app start: launch to RUNNING", (System.nanoTime() - launched) / 1e9, "s",
        app.size() == 1 ? "the JVM's launch until Kafka Streams runs, before the registration"
            : "the JVMs' launch until the last of them runs, before the registration");
    // what the start cost in CPU (class loading, the JIT's first compilations), e.g. with and without an AOT cache
    new AppResources(app, applicationId(), options.appHeap(), report).cpu("app CPU at RUNNING",
        "user + system, when Kafka Streams runs", "at RUNNING");
    Progress.line("app running as pid %s; the connector is registered next", app.pids());
    // Stack.start registers the real connector right after this: the clock starts here
    cpuAtRegistration = CpuSplit.read(app);
    registered = System.nanoTime();
  }

  private void measure(Endpoints endpoints) throws Exception {
    var topics = Indexes.of(config).changeTopics(config.topology());
    var names = config.topology();
    var resources = new AppResources(app, applicationId(), options.appHeap(), report);
    try (var search = new Search(endpoints.searchUrl(), config.sink()); var offsets = new Offsets(endpoints.bootstrapServers())) {
      double backfill = -1;
      try {
        var run = new Backfill(search, size.expected(), report, offsets, topics,
            Search.INDEXES.stream().map(names::documentTopic).toList());
        try {
          backfill = run.measure(registered, Duration.ofSeconds(60 + size.documents() / 250), app);
          CpuSplit.between(cpuAtRegistration, CpuSplit.read(app)).reportCores(report, "backfill", app,
              "from the registration until all documents were searchable");
        } finally {
          Files.writeString(options.out().resolve("backfill-timeline.csv"), run.timeline());
        }
        resources.cpu("app CPU during the backfill", "user + system", "during the backfill");
        addEngineTimes("backfill", search.engineTimes(Search.INDEXES), "the three indexes, during the backfill");
      } catch (Exception e) {
        report.fail("backfill", "all documents searchable", e.toString());
      }
      var tasks = new InstanceTasks(app, offsets.admin(), applicationId(), taskOwners(topics), report);
      tasks.report("tasks after the backfill", Duration.ofSeconds(60));
      ratios(backfill);
      if (options.backfillOnly()) {
        resources.atTheEnd();
        return;
      }
      int reserved = (int) Math.max(1, Math.min(100, size.orders() / 2));
      var products = new FreshnessProbe.Target("products.name", "products", "name", "products",
          BenchFiles.topIds(size.products(), Math.min(50, size.products())), names.changeTopic("products"),
          names.documentTopic("products"));
      var orders = new FreshnessProbe.Target("orders.status", "orders", "status", "orders",
          BenchFiles.topIds(size.orders(), reserved), names.changeTopic("orders"), names.documentTopic("orders"));
      var probe = new FreshnessProbe(endpoints, search);
      try {
        new Settle(search, app).await(report, Duration.ofSeconds(90));
      } catch (Exception e) {
        report.fail("freshness idle", "settle before the probes", e.toString());
      }
      for (var target : List.of(products, orders)) {
        try {
          FreshnessProbe.report(report, "freshness idle", target.label(),
              probe.run(target, "idle", options.idleProbes(), 5, Duration.ofSeconds(30)));
        } catch (Exception e) {
          report.fail("freshness idle", target.label() + " freshness", e.toString());
        }
      }
      try {
        new FanOut(endpoints, search, report).run(Duration.ofSeconds(60 + size.orders() / 100));
      } catch (Exception e) {
        report.fail("fan-out", "rename visible in all orders", e.toString());
      }
      var levels = new LoadLevels(endpoints, app, search, offsets, topics, size, options, report, products, orders);
      try {
        levels.ordersStatusOnly(reserved, orders);
      } catch (Exception e) {
        report.fail("load orders.status " + options.ordersStatusRate() + "/s", "level", e.toString());
      }
      try {
        double highest = levels.run(reserved);
        report.add("sustainable rate", "highest bounded rate", highest, "changes/s",
            highest == 0 ? "not bounded at any level" : "achieved rate of the highest bounded level");
      } catch (Exception e) {
        report.fail("sustainable rate", "highest bounded rate", e.toString());
      }
      tasks.report("tasks at the end", Duration.ofSeconds(60));
      resources.atTheEnd();
      sizes(offsets, search);
    }
  }

  /** Disk beside the state directory, for sizing: the broker's topics by kind, the engine's store. */
  private void sizes(Offsets offsets, Search search) {
    var names = config.topology();
    try {
      Sizes.kafka(offsets.admin(), names.sourceTopicPrefix() + ".", applicationId(), names.documentTopic(""))
          .forEach((kind, bytes) -> report.add("resources", "Kafka " + kind + " on disk", bytes / 1048576.0, "MiB",
              "log directories at the end, one replica"));
    } catch (Exception e) {
      report.fail("resources", "Kafka topics on disk", e.toString());
    }
    try {
      report.add("resources", "engine index store", Sizes.engine(search, Search.INDEXES) / 1048576.0, "MiB",
          "primaries, " + size.documents() + " documents");
    } catch (Exception e) {
      report.fail("resources", "engine index store", e.toString());
    }
  }

  /** The engine's times ({@link Search#engineTimes}): the keys ending in "ms" are milliseconds, the others counts. */
  private void addEngineTimes(String phase, Map<String, Long> times, String of) {
    times.forEach((name, value) -> report.add(phase, "engine " + name, value, name.endsWith(" ms") ? "ms" : "",
        "on the primaries of " + of));
  }

  /** Before the backfill, as the capture ceiling: the oracle's documents into the engine alone. */
  private void engineCeiling(Endpoints endpoints) {
    try (var search = new Search(endpoints.searchUrl(), config.sink()); var shop = endpoints.connect()) {
      long[] count = new long[1];
      var ceiling = new EngineCeiling(search, config.sink());
      double docs = ceiling.run(shop, Indexes.of(config), count);
      report.add("engine ceiling", "docs/s", docs, "docs/s", count[0] + " documents (the oracle's), _bulk 1000 x 2 in flight");
      addEngineTimes("engine ceiling", ceiling.times(), "the ceiling's indexes");
    } catch (Exception e) {
      report.fail("engine ceiling", "docs/s", e.toString());
    }
  }

  /** What reads which topic, to sort the group's partitions into each instance's tasks. */
  private TaskOwners taskOwners(List<String> changeTopics) {
    var repair = new LinkedHashMap<String, String>();
    var documents = new LinkedHashMap<String, String>();
    for (String index : Indexes.of(config).names()) {
      repair.put(index, RepairTopic.name(applicationId(), index));
      documents.put(index, config.topology().documentTopic(index));
    }
    return TaskOwners.of(repair, documents, changeTopics);
  }

  private String applicationId() {
    return config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
  }

  /** The backfill against the two ceilings measured before it. */
  private void ratios(double backfill) {
    var engine = report.value("engine ceiling", "docs/s");
    if (backfill < 0 || engine.isEmpty()) {
      return;
    }
    double docs = engine.get();
    var capture = report.value("capture ceiling", "docs/s equivalent");
    double lower = capture.map(c -> Math.min(c, docs)).orElse(docs);
    report.add("backfill", "ratio to the lower ceiling", backfill / lower, "", String.format(Locale.ROOT,
        "overall docs/s / %.0f docs/s", lower));
    // Each ceiling was measured with the machine to itself; in a backfill both stages run on the same
    // cores at once, so (with nothing else running) their times per document add up.
    capture.ifPresent(c -> {
      double shared = 1 / (1 / c + 1 / docs);
      report.add("backfill", "ceiling of capture and engine sharing the cores", shared, "docs/s",
          "1 / (1/capture + 1/engine): the most a backfill can reach on this machine, the app's own work aside");
      report.add("backfill", "ratio to the shared ceiling", backfill / shared, "", "overall docs/s / that");
    });
  }

  /** Once: the app child, then the stack, then the bench's temporary directory. */
  private synchronized void stopAll() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      if (app != null) {
        app.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stack != null) {
      stack.close();
    }
    BenchFiles.deleteTree(work);
  }
}
