package dev.denorm.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.app.DenormApp;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.index.Indexes;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.ConnectorRegistration;
import dev.denorm.tools.stack.Stack;
import dev.denorm.verify.SearchDocuments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * A table re-read by a Debezium incremental snapshot (the signal {@code execute-snapshot}, as
 * operations.md tells users to do after a row schema gained a column or the documents drifted),
 * on the embedded stack with the real connector: its rows reach the documents as upserts, while
 * the connector streams, and hold no index back. The snapshot hold is set to ten minutes here, so
 * rows taken for the initial snapshot's would keep every document that reads the table from being
 * written within the test's bounds.
 */
class IncrementalSnapshotIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldRepairRowsTheStreamMissedFromAnIncrementalSnapshotWithoutHoldingTheIndexes() throws Exception {
    var config = AppConfig.from(Map.of("commit.interval.ms", "500", "denorm.http.port", "0",
        "denorm.snapshot.hold.ms", "600000", "denorm.snapshot.hold.max.ms", "600000"));
    try (var stack = Stack.start(config, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(10, 5).fill(c);
            Sql.exec(c, "CREATE TABLE shop.denorm_signal (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL,"
                + " data varchar(2048))");
          }
        });
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var client = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build();
        var app = DenormApp.start(config, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
      var endpoints = stack.endpoints();
      var indexes = Indexes.of(config);
      OracleWait.until(app, endpoints, search, indexes, Duration.ofSeconds(120));

      // drift: three renames the stream never carries (the table out of the publication meanwhile)
      try (var c = endpoints.connect()) {
        Sql.exec(c, "ALTER PUBLICATION denorm_shop DROP TABLE shop.products");
        Sql.exec(c, "UPDATE shop.products SET name = name || ' (missed)' WHERE id <= 3");
        Sql.exec(c, "ALTER PUBLICATION denorm_shop ADD TABLE shop.products");
        Sql.exec(c, "UPDATE shop.products SET name = 'streamed' WHERE id = 4");
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> name(client, 4).equals("streamed"));
      for (int id = 1; id <= 3; id++) {
        assertThat(name(client, id)).as("product %d: its rename was not streamed", id).doesNotEndWith("(missed)");
      }

      // the connector learns of the signal table (a config update restarts its task), then is signalled
      String connector = config.stack().connectorName();
      ObjectNode connectorConfig = (ObjectNode) get(endpoints.connectUrl() + "/connectors/" + connector + "/config");
      connectorConfig.put("signal.data.collection", "shop.denorm_signal");
      new ConnectorRegistration(endpoints.connectUrl()).register(connector, connectorConfig, Duration.ofSeconds(60));
      // the restarted task adds the signal table to the publication: a signal written before that is never decoded
      await().atMost(Duration.ofSeconds(60)).until(() -> published(endpoints, "denorm_signal"));
      try (var c = endpoints.connect()) {
        Sql.exec(c, "INSERT INTO shop.denorm_signal VALUES ('reread-products', 'execute-snapshot',"
            + " '{\"data-collections\": [\"shop.products\"], \"type\": \"incremental\"}')");
      }

      // the re-read rows repair the products and every order that shows them, and hold nothing back:
      // a change streamed after them is written too (with the hold, nothing would be for ten minutes)
      await().atMost(Duration.ofSeconds(90)).until(() -> name(client, 1).endsWith("(missed)")
          && name(client, 2).endsWith("(missed)") && name(client, 3).endsWith("(missed)"));
      try (var c = endpoints.connect()) {
        Sql.exec(c, "UPDATE shop.products SET name = 'after the re-read' WHERE id = 5");
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> name(client, 5).equals("after the re-read"));
      OracleWait.until(app, endpoints, search, indexes, Duration.ofSeconds(60));
    }
  }

  private static String name(RestClient client, long id) throws Exception {
    var response = client.performRequest(new Request("GET", "/products/_doc/" + id));
    return JSON.readTree(response.getEntity().getContent()).path("_source").path("name").asText();
  }

  private static boolean published(Endpoints endpoints, String table) throws Exception {
    try (var c = endpoints.connect(); var query = c.prepareStatement(
        "SELECT count(*) FROM pg_publication_tables WHERE pubname = 'denorm_shop' AND tablename = ?")) {
      query.setString(1, table);
      try (var rows = query.executeQuery()) {
        return rows.next() && rows.getLong(1) == 1;
      }
    }
  }

  private static JsonNode get(String url) throws Exception {
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
