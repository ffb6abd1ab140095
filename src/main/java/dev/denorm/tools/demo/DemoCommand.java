package dev.denorm.app;

import dev.denorm.index.Indexes;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.Level;
import dev.denorm.config.AppConfig;
import dev.denorm.tools.demo.DemoGuide;
import dev.denorm.tools.demo.Progress;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.config.Endpoints;
import dev.denorm.tools.stack.Stack;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the embedded stack, a generated shop, the application, one updating progress
 * line until the snapshot is indexed, then a guide to the documents; runs until Ctrl-C.
 */
final class DemoCommand implements Callable<Integer> {

  private final AppConfig config;
  private final PrintStream out;

  DemoCommand(AppConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    try (var lifecycle = new Lifecycle()) {
      out.println("Starting the embedded stack (PostgreSQL, Kafka, Kafka Connect + Debezium, OpenSearch)...");
      var stack = lifecycle.add(Stack.start(config, this::generateIfEmpty));
      var endpoints = stack.endpoints();
      // one write: the stack's log lines (stderr) cannot land inside the block
      out.println("Endpoints:" + System.lineSeparator() + endpoints.describe());
      if (config.stack().dataDir().isEmpty()) {
        // the demo's state is in a temporary directory that the demo itself deletes at stop: Kafka Streams'
        // warning that the OS could clear it says nothing here (a run with a data directory keeps it)
        Configurator.setLevel(
            "org.apache.kafka.streams.processor.internals.StateDirectory", Level.ERROR);
      }
      var app = lifecycle.add(DenormApp.start(config, endpoints, Optional.of(stack.streamsStateDir())));
      RunCommand.watchCapture(lifecycle, config, endpoints, app);
      var expected = expectedCounts(endpoints);
      var indexes = Indexes.of(config).names();
      var topics = Indexes.of(config).changeTopics(config.topology());
      try (var progress = new Progress(endpoints.bootstrapServers(), endpoints.searchUrl(), topics, indexes,
          config.streamsProperties().getProperty("application.id"))) {
        Progress.Snapshot last;
        do {
          if (app.failed()) {
            return 1;
          }
          last = progress.measure();
          out.print("\r" + last.line() + "   ");
          out.flush();
        } while (!(last.documents().equals(expected) && last.lag() == 0) && sleep());
        out.println();
        out.printf("Indexed %s in %.1f s since start.%n", expected, (System.nanoTime() - start) / 1e9);
      }
      new DemoGuide(endpoints, out).print();
      return lifecycle.awaitWhileHealthy(app::failed);
    }
  }

  private void generateIfEmpty(Endpoints endpoints) throws Exception {
    try (var c = endpoints.connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM shop.customers")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        int customers = config.stack().demoCustomers();
        int rows = new ShopGenerator(customers, 42).fill(c);
        out.printf("Generated a shop of %d customers: %d rows.%n", customers, rows);
      } else {
        out.println("The shop has data already; not generating.");
      }
    }
  }

  /** One document per row of each index's root table (the generated shop has no dangling keys). */
  private Map<String, Long> expectedCounts(Endpoints endpoints) throws Exception {
    var counts = new LinkedHashMap<String, Long>();
    try (var c = endpoints.connect(); var st = c.createStatement()) {
      for (var index : Indexes.of(config).all()) {
        String root = config.topology().sourceSchema() + "." + index.plan().root().table().name();
        try (var rs = st.executeQuery("SELECT count(*) FROM " + root)) {
          rs.next();
          counts.put(index.name(), rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(500); // the progress line's refresh interval
    return true;
  }
}
