package dev.denorm.tools.bench;

import dev.denorm.config.Endpoints;
import java.time.Duration;
import java.util.List;

/**
 * Renames product 1, the most referenced one, and waits until every order document with a line
 * of it shows the new name (a nested query's count equals the orders SQL counts); reports the
 * seconds and the engine writes on the orders index per affected order.
 */
final class FanOut {

  private static final String PHASE = "fan-out";
  private final Endpoints endpoints;
  private final Search search;
  private final Report report;

  FanOut(Endpoints endpoints, Search search, Report report) {
    this.endpoints = endpoints;
    this.search = search;
    this.report = report;
  }

  void run(Duration bound) throws Exception {
    long affected;
    String name = "renamed-" + System.nanoTime();
    long writesBefore = search.writes(List.of("orders"));
    long committed;
    try (var c = endpoints.connect(); var st = c.createStatement()) {
      try (var rs = st.executeQuery("SELECT count(DISTINCT order_id) FROM shop.order_lines WHERE product_id = 1")) {
        rs.next();
        affected = rs.getLong(1);
      }
      st.executeUpdate("UPDATE shop.products SET name = '" + name + "' WHERE id = 1");
      committed = System.nanoTime();
    }
    report.add(PHASE, "orders with product 1", affected, "orders", "from SQL");
    String query = "{\"nested\":{\"path\":\"lines\",\"query\":{\"term\":{\"lines.product.name.keyword\":\"" + name
        + "\"}}}}";
    long deadline = committed + bound.toNanos();
    long seen;
    while ((seen = search.count("orders", query)) < affected) {
      if (System.nanoTime() > deadline) {
        report.fail(PHASE, "rename visible in all orders", seen + " of " + affected + " orders within " + bound);
        return;
      }
      Thread.sleep(100); // polling interval of a bounded wait
    }
    double seconds = (System.nanoTime() - committed) / 1e9;
    long writes = search.writes(List.of("orders")) - writesBefore;
    report.add(PHASE, "rename visible in all orders", seconds, "s", "commit to the last order document");
    report.add(PHASE, "writes per affected order", affected == 0 ? 0 : (double) writes / affected, "writes/order",
        writes + " writes on orders");
  }
}
