package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.index.Indexes;
import dev.denorm.sink.convert.DocumentConverter;
import dev.denorm.testing.DatabaseRows;
import dev.denorm.testing.ScriptedChanges;
import dev.denorm.testkit.IndexTestDriver;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.ReferenceSchema;
import dev.denorm.tools.stack.TestParts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.generic.IndexedRecord;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify command against real PostgreSQL and OpenSearch, on the reference shop (generated,
 * then ScriptedChanges: nulls, char padding, Unicode, empty relations). The engine is filled with
 * the documents the production assembly makes from the database's rows (the shop's indexes in an
 * IndexTestDriver, fed the rows as change events) in the JSON the sink writes, so a match proves
 * that each index's SQL states the documents the pipeline writes (exit 0); a removed, an added
 * and a changed document are then reported by id (exit 1). EndToEndIT proves the same through
 * the whole pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private AutoCloseable postgres;
  private AutoCloseable search;
  private String jdbcUrl;
  private String searchUrl;
  private RestClient client;

  @BeforeAll
  void start() throws Exception {
    var pg = CompletableFuture.supplyAsync(() -> TestParts.postgres(url -> jdbcUrl = url));
    search = TestParts.search(dir.resolve("search"), url -> searchUrl = url);
    postgres = pg.join();
    client = RestClient.builder(HttpHost.create(searchUrl)).build();
    try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
      ReferenceSchema.ensure(c);
      new ShopGenerator(12, 3).fill(c);
      ScriptedChanges.apply(c);
      var indexes = Indexes.shop();
      var bulk = new StringBuilder();
      try (var pipeline = new IndexTestDriver(Map.of(), indexes.all())) {
        DatabaseRows.insertAll(c, "shop", indexes, pipeline);
        for (String index : indexes.names()) {
          pipeline.<IndexedRecord>documents(index).forEach((id, doc) -> {
            var action = JSON.createObjectNode();
            action.putObject("index").put("_index", index).put("_id", id);
            bulk.append(action).append('\n').append(new String(DocumentConverter.toJson(doc), StandardCharsets.UTF_8))
                .append('\n');
          });
        }
      }
      var request = new Request("POST", "/_bulk");
      request.addParameter("refresh", "true");
      request.setJsonEntity(bulk.toString());
      assertThat(JSON.readTree(client.performRequest(request).getEntity().getContent()).path("errors").asBoolean())
          .isFalse();
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (search != null) {
      search.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void shouldExitZeroWhenEveryDocumentEqualsTheOracle() {
    var out = new ByteArrayOutputStream();
    assertThat(verify(out)).as(out.toString(StandardCharsets.UTF_8)).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("All documents match the oracle.").doesNotContain("NOT VERIFIED");
    for (String index : Indexes.shop().names()) {
      assertThat(printed).as("every index verified, with documents").containsPattern(index + " +[1-9][0-9]* expected  OK");
    }
  }

  @Test
  @Order(2)
  void shouldReportMissingExtraAndDifferentIdsAndExitOne() throws Exception {
    client.performRequest(new Request("DELETE", "/orders/_doc/1"));
    var extra = new Request("PUT", "/customers/_doc/999");
    extra.setJsonEntity("{\"id\":999}");
    client.performRequest(extra);
    var changed = new Request("POST", "/products/_update/2");
    changed.setJsonEntity("{\"doc\":{\"price\":0.01}}");
    client.performRequest(changed);

    var out = new ByteArrayOutputStream();
    assertThat(verify(out)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("missing ids:   1", "extra ids:     999", "different id 2: $.price", "DIFFERENCES FOUND");
  }

  private int verify(ByteArrayOutputStream out) {
    return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "verify",
        "--set", "denorm.stack.postgres.url=" + jdbcUrl, "--set", "denorm.sink.hosts=" + searchUrl);
  }
}
