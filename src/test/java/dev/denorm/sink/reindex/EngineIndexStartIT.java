package dev.denorm.sink.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.testing.EmbeddedOpenSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.protocol.HttpCoreContext;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The start of an index against a real OpenSearch, by two instances that start at the same moment. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineIndexStartIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private EmbeddedOpenSearch engine;
  private RestClient first;

  @BeforeAll
  void start() {
    engine = EmbeddedOpenSearch.start();
    first = RestClient.builder(HttpHost.create(engine.url())).build();
  }

  @AfterAll
  void stop() throws Exception {
    first.close();
    engine.close();
  }

  /**
   * The second instance's first look at the engine answers "nothing there"; the first instance
   * creates the index right after that answer, before the second looks again. (When the start read
   * aliases and mappings in two requests, the second then saw the new index as not live, and put a
   * second index behind the alias, which then took no writes.)
   */
  @Test
  void shouldPutExactlyOneIndexBehindTheAliasWhenAnotherInstanceCreatesItWhileThisOneLooks() throws Exception {
    String alias = "race";
    var body = indexBody();
    var looked = new AtomicBoolean();
    var gets = new AtomicInteger();
    HttpResponseInterceptor afterFirstLook = (response, context) -> {
      var request = (HttpRequest) context.getAttribute(HttpCoreContext.HTTP_REQUEST);
      if (request.getRequestLine().getMethod().equals("GET") && request.getRequestLine().getUri().contains(alias)) {
        gets.incrementAndGet();
        if (looked.compareAndSet(false, true)) {
          prepare(first, alias, body);
        }
      }
    };
    try (var second = RestClient.builder(HttpHost.create(engine.url()))
        .setHttpClientConfigCallback(builder -> builder.addInterceptorLast(afterFirstLook)).build()) {
      prepare(second, alias, body);
    }

    assertThat(looked).as("the first instance created the index while the second looked").isTrue();
    assertThat(gets.get()).as("the second instance looked again after its create failed").isGreaterThan(1);
    JsonNode behind = JSON.readTree(first.performRequest(new Request("GET", "/_alias/" + alias)).getEntity().getContent());
    assertThat(behind.properties()).as("the indexes behind the alias").hasSize(1);
    assertThat(behind.has(alias + "-v1")).as("the alias names " + alias + "-v1").isTrue();
    assertThat(new EngineIndexVersions(first).observe(alias)).singleElement()
        .satisfies(index -> assertThat(index.live()).isTrue())
        .satisfies(index -> assertThat(index.fingerprint()).isEqualTo("fp"));
  }

  @Test
  void shouldTakeTheOlderIndexOutOfTheAliasWhenAnEarlierStartLeftItOnTwo() throws Exception {
    String alias = "two";
    var body = indexBody();
    var versions = new EngineIndexVersions(first);
    for (String index : new String[] {alias + "-v1", alias + "-v2"}) {
      var behind = body.deepCopy();
      behind.putObject("aliases").putObject(alias);
      behind.withObjectProperty("mappings").putObject("_meta").putObject(EngineIndexVersions.META)
          .put(EngineIndexVersions.FINGERPRINT, "fp");
      versions.create(index, behind);
    }

    prepare(first, alias, body);

    JsonNode behind = JSON.readTree(first.performRequest(new Request("GET", "/_alias/" + alias)).getEntity().getContent());
    assertThat(behind.properties()).as("the indexes behind the alias").hasSize(1);
    assertThat(behind.has(alias + "-v2")).as("the alias names " + alias + "-v2").isTrue();
    var write = new Request("PUT", "/" + alias + "/_doc/1");
    write.setJsonEntity("{\"name\":\"written\"}");
    assertThat(first.performRequest(write).getStatusLine().getStatusCode()).as("a write through the alias").isEqualTo(201);
  }

  @Test
  void shouldSeeIndexesWithNeitherAliasesNorMetaAsAHandMadeIndexAndAVersionNotLive() throws Exception {
    var body = JSON.createObjectNode();
    body.putObject("settings").putObject("index").put("number_of_shards", 1).put("number_of_replicas", 0);
    var versions = new EngineIndexVersions(first);
    versions.create("plain", body);
    versions.create("bare-v1", body);

    assertThat(versions.observe("plain")).singleElement()
        .satisfies(index -> assertThat(index.legacy()).as("named like the alias").isTrue())
        .satisfies(index -> assertThat(index.live()).isTrue())
        .satisfies(index -> assertThat(index.fingerprint()).isNull());
    assertThat(versions.observe("bare")).singleElement()
        .satisfies(index -> assertThat(index.version()).isEqualTo(1))
        .satisfies(index -> assertThat(index.live()).isFalse())
        .satisfies(index -> assertThat(index.building()).isFalse());
    assertThat(versions.observe("none")).isEmpty();
  }

  /** One shard, no replica, one keyword field. */
  private static ObjectNode indexBody() {
    var body = JSON.createObjectNode();
    body.putObject("settings").putObject("index").put("number_of_shards", 1).put("number_of_replicas", 0);
    body.putObject("mappings").putObject("properties").putObject("name").put("type", "keyword");
    return body;
  }

  private static void prepare(RestClient client, String alias, ObjectNode body) {
    var versions = new EngineIndexVersions(client);
    var retirement = new Retirement(versions);
    try {
      assertThat(new EngineIndexStart(versions, retirement, 60_000).prepare(alias, body, "fp", null, a -> 0))
          .as("nothing to build").isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      retirement.close();
    }
  }
}
