package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.capture.Topics;
import dev.denorm.config.AppConfig;
import dev.denorm.config.KafkaClients;
import dev.denorm.index.Indexes;
import dev.denorm.index.customer.CustomerIndex;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.Stack;
import dev.denorm.verify.SearchDocuments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An index over a table the connector has never captured, on the embedded stack with the real
 * connector: the connector is registered without {@code shop.products}, so the products index is
 * empty and the orders show no product names. {@code denorm resnapshot products} adds the table to
 * the connector's include list and has Debezium read it by an incremental snapshot, while orders
 * keep changing; when it returns, every index equals its oracle, and the customers change topic got
 * no record: nothing else was read again.
 */
class CaptureNewTableIT {

  @Test
  void shouldBuildTheIndexOfATableNeverCapturedFromAnIncrementalSnapshotWhileTheOtherTablesStream() throws Exception {
    var config = AppConfig.from(Map.of("commit.interval.ms", "500", "denorm.http.port", "0",
        "denorm.snapshot.hold.ms", "2000"));
    var withoutProducts = Map.of("table.include.list", "shop.customers,shop.addresses,shop.orders,shop.order_lines");
    try (var stack = Stack.start(config, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(10, 5).fill(c);
          }
        }, withoutProducts);
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var app = DenormApp.start(config, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
      var endpoints = stack.endpoints();
      OracleWait.until(app, endpoints, search, Indexes.of(new CustomerIndex()), Duration.ofSeconds(120));
      assertThat(search.documents("products")).as("the connector does not capture products").isEmpty();
      var kafka = KafkaClients.of(config).withBootstrapServers(endpoints.bootstrapServers());
      String customers = config.topology().changeTopic("customers");
      long customerRecords = Topics.endOffsets(kafka, List.of(customers));

      var stop = new AtomicBoolean();
      var changes = new AtomicInteger();
      var load = CompletableFuture.runAsync(() -> {
        try (var c = endpoints.connect()) {
          while (!stop.get()) {
            int n = changes.incrementAndGet();
            Sql.exec(c, "UPDATE shop.orders SET status = 'LOAD-" + n + "' WHERE id = " + (1 + n % 20));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      var out = new ByteArrayOutputStream();
      int exit;
      try {
        exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
            "--set", "denorm.stack.postgres.url=" + endpoints.jdbcUrl(), "--set",
            "bootstrap.servers=" + endpoints.bootstrapServers(), "--set",
            "denorm.stack.connect.url=" + endpoints.connectUrl(), "resnapshot", "products",
            "--url", "http://127.0.0.1:" + app.httpPort().orElseThrow(), "--timeout", "180s");
      } finally {
        stop.set(true);
        load.get();
      }
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(printed).isZero();
      assertThat(printed).contains("shop.products added to table.include.list", "Read shop.products again: 10 rows",
          "Searchable in ");
      assertThat(changes.get()).as("orders changed while the table was read").isPositive();

      var reports = OracleWait.until(app, endpoints, search, Indexes.of(config), Duration.ofSeconds(120));
      assertThat(reports).hasSize(3);
      assertThat(Topics.endOffsets(kafka, List.of(customers))).as("no customer was read again")
          .isEqualTo(customerRecords);
    }
  }
}
