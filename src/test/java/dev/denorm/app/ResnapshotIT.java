package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.index.Indexes;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.Stack;
import dev.denorm.verify.SearchDocuments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * A table re-read by a Debezium incremental snapshot ({@code denorm resnapshot}, which sets up the
 * signal table and sends {@code execute-snapshot}), on the embedded stack with the real connector:
 * its rows reach the documents as upserts, while the connector streams, and hold no index back. The snapshot hold is set to ten minutes here, so
 * rows taken for the initial snapshot's would keep every document that reads the table from being
 * written within the test's bounds. The command returns once Debezium notified the end of the re-read
 * and its rows are searchable (the read-your-writes barrier): a search right after finds them in an
 * index that nothing else refreshes. Before the re-read, its delete pass removes a row deleted while
 * the stream missed it (the last oracle check would find its document extra otherwise).
 */
class ResnapshotIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldRepairRowsTheStreamMissedWhenResnapshotRereadsTheTableWithoutHoldingTheIndexes() throws Exception {
    // the products index is never refreshed on its own: a search finds a re-read row only after
    // resnapshot's wait refreshed it
    var config = AppConfig.from(Map.of("commit.interval.ms", "500", "denorm.http.port", "0",
        "denorm.snapshot.hold.ms", "600000", "denorm.snapshot.hold.max.ms", "600000",
        "denorm.sink.index.settings", "merge.policy.floor_segment=2mb,products:refresh_interval=-1",
        "denorm.sink.lone.refresh", "false"));
    try (var stack = Stack.start(config, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(10, 5).fill(c);
          }
        });
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var client = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build();
        var app = DenormApp.start(config, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
      var endpoints = stack.endpoints();
      var indexes = Indexes.of(config);
      OracleWait.until(app, endpoints, search, indexes, Duration.ofSeconds(120));

      try (var c = endpoints.connect()) {
        Sql.exec(c, "INSERT INTO shop.products (id, sku, name, price) VALUES (9001, 'GONE-9001', 'deleted unseen', 1.00)");
      }
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> name(client, 9001).equals("deleted unseen"));

      // drift: three renames and a delete the stream never carries (the table out of the publication meanwhile)
      try (var c = endpoints.connect()) {
        Sql.exec(c, "ALTER PUBLICATION denorm_shop DROP TABLE shop.products");
        Sql.exec(c, "UPDATE shop.products SET name = name || ' (missed)' WHERE id <= 3");
        Sql.exec(c, "DELETE FROM shop.products WHERE id = 9001");
        Sql.exec(c, "ALTER PUBLICATION denorm_shop ADD TABLE shop.products");
        Sql.exec(c, "UPDATE shop.products SET name = 'streamed' WHERE id = 4");
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> name(client, 4).equals("streamed"));
      for (int id = 1; id <= 3; id++) {
        assertThat(name(client, id)).as("product %d: its rename was not streamed", id).doesNotEndWith("(missed)");
      }

      // denorm resnapshot: the signal table made and named in the connector's config, then the signal;
      // first for two of the three rows
      var first = new ByteArrayOutputStream();
      String url = "http://127.0.0.1:" + app.httpPort().orElseThrow();
      assertThat(resnapshot(endpoints, first, "products", "--where", "id <= 2", "--url", url, "--timeout", "120s"))
          .as(text(first)).isZero();
      assertThat(text(first)).contains("signal.data.collection=shop.denorm_signal", "Signalled denorm-resnapshot-products-",
          "where id <= 2", "Read shop.products again: 2 rows", "Searchable in products, orders up to",
          "gone from shop.products, a tombstone written for each: 9001");
      // the delete pass, before the re-read: the product deleted unseen is no longer found
      assertThat(searchedName(client, 9001)).as("product 9001 was deleted while the stream missed it").isEmpty();

      // the command returned once the re-read rows were searchable: they repair the products and every
      // order that shows them, and held nothing back (with the hold, nothing would be written for ten minutes)
      assertThat(searchedName(client, 1)).endsWith("(missed)");
      assertThat(searchedName(client, 2)).endsWith("(missed)");
      assertThat(name(client, 3)).as("product 3: outside the condition, in the same chunk").doesNotEndWith("(missed)");

      // then the whole table: the connector is set up already, so only the signal goes
      var all = new ByteArrayOutputStream();
      assertThat(resnapshot(endpoints, all, "products", "--no-wait")).as(text(all)).isZero();
      assertThat(text(all)).doesNotContain("signal.data.collection=").contains("Signalled", "0 gone from shop.products")
          .doesNotContain("Searchable in");
      await().atMost(Duration.ofSeconds(90)).until(() -> name(client, 3).endsWith("(missed)"));
      try (var c = endpoints.connect()) {
        Sql.exec(c, "UPDATE shop.products SET name = 'after the re-read' WHERE id = 5");
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> name(client, 5).equals("after the re-read"));
      OracleWait.until(app, endpoints, search, indexes, Duration.ofSeconds(60));
    }
  }

  /** The product's name as a search finds it: what a refresh made searchable. */
  private static String searchedName(RestClient client, long id) throws Exception {
    var request = new Request("POST", "/products/_search");
    request.setJsonEntity("{\"query\":{\"ids\":{\"values\":[\"" + id + "\"]}}}");
    var hits = JSON.readTree(client.performRequest(request).getEntity().getContent()).at("/hits/hits");
    return hits.isEmpty() ? "" : hits.get(0).at("/_source/name").asText();
  }

  private static String name(RestClient client, long id) throws Exception {
    var response = client.performRequest(new Request("GET", "/products/_doc/" + id));
    return JSON.readTree(response.getEntity().getContent()).path("_source").path("name").asText();
  }

  private static int resnapshot(Endpoints endpoints, ByteArrayOutputStream out, String... more) {
    var args = new ArrayList<>(List.of("--set", "denorm.stack.postgres.url=" + endpoints.jdbcUrl(),
        "--set", "bootstrap.servers=" + endpoints.bootstrapServers(),
        "--set", "denorm.stack.connect.url=" + endpoints.connectUrl(), "resnapshot"));
    args.addAll(List.of(more));
    return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args.toArray(String[]::new));
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
