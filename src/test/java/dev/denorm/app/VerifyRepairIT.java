package dev.denorm.app;

import dev.denorm.index.Indexes;
import java.util.List;
import java.util.ArrayList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.AppConfig;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.config.Endpoints;
import dev.denorm.tools.stack.Stack;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.verify.SearchDocuments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * verify --repair on the embedded stack with a running pipeline: documents the engine lost, holds
 * altered, or holds without a row behind them are re-emitted by the pipeline and written by its
 * sink with higher versions, and the next comparison is equal; later changes still get through.
 */
class VerifyRepairIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldRepairADeletedAnAlteredAndAnExtraDocumentThroughThePipeline() throws Exception {
    var config = AppConfig.from(Map.of("commit.interval.ms", "500", "denorm.http.port", "0"));
    try (var stack = Stack.start(config, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(10, 5).fill(c);
          }
        });
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var client = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build();
        var app = DenormApp.start(config, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
      var endpoints = stack.endpoints();
      OracleWait.until(app, endpoints, search, Indexes.of(config), Duration.ofSeconds(120));
      long alteredVersion = document(client, "products", "2").path("_version").asLong();

      client.performRequest(new Request("DELETE", "/orders/_doc/1"));
      var altered = new Request("POST", "/products/_update/2");
      altered.setJsonEntity("{\"doc\":{\"name\":\"altered in the engine\"}}");
      client.performRequest(altered);
      var extra = new Request("PUT", "/customers/_doc/999999");
      extra.setJsonEntity(document(client, "customers", "1").path("_source").toString());
      client.performRequest(extra);

      var found = new ByteArrayOutputStream();
      assertThat(verify(endpoints, found)).as(text(found)).isEqualTo(1);
      assertThat(text(found)).contains("missing ids:   1", "extra ids:     999999", "different id 2: $.name");

      var repaired = new ByteArrayOutputStream();
      assertThat(verify(endpoints, repaired, "--repair")).as(text(repaired)).isZero();
      assertThat(text(repaired)).contains("Repair: 3 documents re-emitted and written", "Comparing again after the repair")
          .endsWith("All documents match the oracle." + System.lineSeparator());
      assertThat(document(client, "products", "2").path("_version").asLong())
          .as("written by the sink with the version of a later record, above the engine's own increment")
          .isGreaterThan(alteredVersion + 1);

      var again = new ByteArrayOutputStream();
      assertThat(verify(endpoints, again)).as(text(again)).isZero();

      // the repaired documents' versions do not hold later changes back
      try (var c = endpoints.connect()) {
        Sql.exec(c, "UPDATE shop.products SET name = 'renamed after the repair' WHERE id = 2");
      }
      await().atMost(Duration.ofSeconds(60)).until(() ->
          document(client, "products", "2").path("_source").path("name").asText().equals("renamed after the repair"));
      OracleWait.until(app, endpoints, search, Indexes.of(config), Duration.ofSeconds(60));
    }
  }

  private static JsonNode document(RestClient client, String index, String id) throws Exception {
    return JSON.readTree(client.performRequest(new Request("GET", "/" + index + "/_doc/" + id)).getEntity().getContent());
  }

  private static int verify(Endpoints endpoints, ByteArrayOutputStream out, String... more) {
    var args = new ArrayList<>(List.of("--set", "denorm.stack.postgres.url=" + endpoints.jdbcUrl(),
        "--set", "denorm.sink.hosts=" + endpoints.searchUrl(), "--set", "bootstrap.servers=" + endpoints.bootstrapServers(),
        "verify"));
    args.addAll(List.of(more));
    return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args.toArray(String[]::new));
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
