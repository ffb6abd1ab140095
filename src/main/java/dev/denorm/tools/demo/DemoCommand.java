package dev.denorm.tools.demo;

import dev.denorm.app.spi.ToolCommand;
import dev.denorm.app.spi.ToolContext;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.config.KafkaClients;
import dev.denorm.index.Indexes;
import dev.denorm.tools.stack.Stack;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code demo}: the embedded stack, a generated shop, the application, one updating progress
 * line until the snapshot is indexed, then a guide to the documents; runs until Ctrl-C.
 */
public final class DemoCommand implements ToolCommand {

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public int run(ToolContext context) throws Exception {
    long start = System.nanoTime();
    var config = context.config();
    var out = context.out();
    out.println("Starting the embedded stack (PostgreSQL, Kafka, Kafka Connect + Debezium, OpenSearch)...");
    var stack = context.stopAtEnd(Stack.start(config, endpoints -> generateIfEmpty(config, endpoints, out)));
    var endpoints = stack.endpoints();
    // one write: the stack's log lines (stderr) cannot land inside the block
    out.println("Endpoints:" + System.lineSeparator() + endpoints.describe());
    if (config.stack().dataDir().isEmpty()) {
      // the demo's state is in a temporary directory that the demo itself deletes at stop: Kafka Streams'
      // warning that the OS could clear it says nothing here (a run with a data directory keeps it)
      Configurator.setLevel(
          "org.apache.kafka.streams.processor.internals.StateDirectory", Level.ERROR);
    }
    var app = context.startApp(endpoints, stack.streamsStateDir());
    var expected = expectedCounts(config, endpoints);
    var indexes = Indexes.of(config).names();
    var topics = Indexes.of(config).changeTopics(config.topology());
    try (var progress = new Progress(KafkaClients.of(config).withBootstrapServers(endpoints.bootstrapServers()),
        endpoints.searchUrl(), config.sink(), topics, indexes,
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
    new DemoGuide(endpoints, config.sink(), out).print();
    return context.awaitWhileHealthy(app);
  }

  private static void generateIfEmpty(AppConfig config, Endpoints endpoints, PrintStream out) throws Exception {
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
  private static Map<String, Long> expectedCounts(AppConfig config, Endpoints endpoints) throws Exception {
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
