package dev.denorm.app;

import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.index.Indexes;
import java.io.UncheckedIOException;
import dev.denorm.capture.Topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpSettings;
import dev.denorm.config.SinkSettings;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.sink.engine.EngineIndexManager;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.sink.reindex.Fingerprint;
import dev.denorm.tools.stack.Stack;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.verify.SearchDocuments;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificData;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * The reindex at start on the embedded stack: a first start creates {@code <index>-v1}; a start
 * with another shard count (part of each index's fingerprint) builds {@code <index>-v2} while v1
 * serves, moves the alias and deletes v1 after the grace period, with searches on the alias every
 * 50 ms never missing a document; a build stopped halfway is resumed by the next start; a concrete
 * index named like the alias (created by hand, then filled by the sink) is moved behind the alias
 * as {@code <index>-v1} the same way.
 */
class ReindexIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> INDEXES = List.of("products", "customers", "orders");
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static AppConfig config(Map<String, String> extra) {
    var values = new HashMap<>(Map.of(HttpSettings.PORT, "-1", "commit.interval.ms", "500",
        SinkSettings.INDEX_REPLICAS, "0", SinkSettings.REINDEX_GRACE_MS, "3000"));
    values.putAll(extra);
    return AppConfig.from(values);
  }

  @Test
  void shouldMoveEveryAliasToItsRebuiltIndexWithoutASearchEverMissingADocument() throws Exception {
    var first = config(Map.of());
    try (var stack = Stack.start(first, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(100, 5).fill(c);
          }
        });
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var engine = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build()) {
      try (var app = DenormApp.start(first, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
        OracleWait.until(app, stack.endpoints(), search, Indexes.of(first), PATIENCE);
      }
      for (String index : INDEXES) {
        assertThat(aliasTargets(engine, index)).containsExactly(index + "-v1");
      }
      var watch = new AliasWatch(engine, search);
      var changed = config(Map.of(SinkSettings.INDEX_SHARDS, "2", SinkSettings.REINDEX_MAX_RECORDS_PER_SECOND, "200"));
      watch.start();
      try (var app = DenormApp.start(changed, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
        for (int round = 0; round < 5; round++) {
          try (var c = stack.endpoints().connect()) {
            Sql.exec(c, "UPDATE shop.products SET name = name || ' *' WHERE id <= 5");
            Sql.exec(c, "UPDATE shop.orders SET status = 'SHIPPED' WHERE id % 7 = " + round);
          }
        }
        await("every build finished").atMost(PATIENCE).failFast(app::failed).until(app::rebuildsFinished);
        for (String index : INDEXES) {
          assertThat(aliasTargets(engine, index)).containsExactly(index + "-v2");
          assertThat(get(engine, "/" + index + "-v2/_settings").path(index + "-v2").path("settings").path("index")
              .path("number_of_shards").asText()).isEqualTo("2");
          assertThat(meta(engine, index + "-v2").has("build")).as("a finished build records no positions").isFalse();
        }
        await("v1 deleted after the grace period").atMost(Duration.ofSeconds(30))
            .until(() -> INDEXES.stream().noneMatch(index -> exists(engine, "/" + index + "-v1")));
        OracleWait.until(app, stack.endpoints(), search, Indexes.of(changed), PATIENCE);
      } finally {
        watch.close();
      }
      assertThat(watch.problems).as("searches that missed a document").isEmpty();
      assertThat(watch.failures).as("searches that failed").isEmpty();
      assertThat(watch.targetsSeen.get("orders").keySet()).as("searches ran on both sides of the switch")
          .contains("orders-v1", "orders-v2");
      assertThat(watch.checks.get()).isGreaterThan(20);
    }
  }

  @Test
  void shouldResumeABuildStoppedHalfwayAndFinishItUnderTheSameName() throws Exception {
    var first = config(Map.of());
    try (var stack = Stack.start(first, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(100, 7).fill(c);
          }
        });
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var engine = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build()) {
      try (var app = DenormApp.start(first, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
        OracleWait.until(app, stack.endpoints(), search, Indexes.of(first), PATIENCE);
      }
      long records = Topics.endOffsets(EmbeddedKafkaBroker.clients(stack.endpoints().bootstrapServers()),
          List.of(first.topology().documentTopic("orders")));
      var slow = config(Map.of(SinkSettings.INDEX_SHARDS, "2", SinkSettings.REINDEX_MAX_RECORDS_PER_SECOND, "40"));
      try (var app = DenormApp.start(slow, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
        await("the orders build recorded progress").atMost(PATIENCE).failFast(app::failed)
            .until(() -> copied(engine, "orders-v2") > 0);
      }
      long copiedBeforeStop = copied(engine, "orders-v2");
      assertThat(aliasTargets(engine, "orders")).as("stopped halfway: v1 still serves").containsExactly("orders-v1");
      assertThat(meta(engine, "orders-v2").has("build")).isTrue();
      assertThat(copiedBeforeStop).as("records of documents.orders copied before the stop").isLessThan(records);

      var fast = config(Map.of(SinkSettings.INDEX_SHARDS, "2"));
      try (var app = DenormApp.start(fast, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
        await("every build finished").atMost(PATIENCE).failFast(app::failed).until(app::rebuildsFinished);
        assertThat(aliasTargets(engine, "orders")).containsExactly("orders-v2");
        assertThat(exists(engine, "/orders-v3")).as("resumed, not rebuilt under a new name").isFalse();
        await("v1 deleted after the grace period").atMost(Duration.ofSeconds(30))
            .until(() -> !exists(engine, "/orders-v1"));
        OracleWait.until(app, stack.endpoints(), search, Indexes.of(fast), PATIENCE);
      }
    }
  }

  @Test
  void shouldMoveAConcreteIndexNamedLikeTheAliasBehindTheAliasWithoutASearchMissingADocument() throws Exception {
    var first = config(Map.of());
    try (var stack = Stack.start(first, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(100, 11).fill(c);
          }
        });
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var engine = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build()) {
      // products as a hand-made index: concrete, named like the alias, filled by the sink (which
      // writes to that name), its _meta as versionGeneration of a version before fingerprints left it
      String fingerprint = createConcreteIndex(engine, first, "products");
      try (var app = DenormApp.start(first, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
        OracleWait.until(app, stack.endpoints(), search, Indexes.of(first), PATIENCE);
      }
      forgetFingerprint(engine, "products");
      assertThat(exists(engine, "/_alias/products")).as("products is a concrete index, not an alias").isFalse();
      assertThat(get(engine, "/products/_count").path("count").asLong()).isPositive();

      var watch = new AliasWatch(engine, search);
      // 25 products at 5 a second: the copy takes about 5 s, while the sink writes these changes to both indexes
      var upgraded = config(Map.of(SinkSettings.REINDEX_MAX_RECORDS_PER_SECOND, "5"));
      try (var c = stack.endpoints().connect()) {
        Sql.exec(c, "UPDATE shop.products SET name = name || ' *' WHERE id <= 5");
      }
      watch.start();
      try (var app = DenormApp.start(upgraded, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
        await("the products build finished").atMost(PATIENCE).failFast(app::failed).until(app::rebuildsFinished);
        OracleWait.until(app, stack.endpoints(), search, Indexes.of(upgraded), PATIENCE);
      } finally {
        watch.close();
      }
      assertThat(watch.problems).as("searches that missed a document").isEmpty();
      assertThat(watch.targetsSeen.get("products").keySet()).as("searches ran on both sides of the switch")
          .contains("products", "products-v1");
      // the switch deletes the concrete index: a search running on it at that instant fails (and
      // is retried by its client); any other failure, or one in another check, is a defect
      long firstOnV1 = watch.targetsSeen.get("products").get("products-v1");
      watch.failures.forEach(f -> System.out.println("search failed: " + f));
      assertThat(watch.failures).as("searches that failed, other than on products in the check of the switch")
          .allMatch(f -> f.index().equals("products") && f.check() == firstOnV1 - 1);
      assertThat(watch.checks.get()).isGreaterThan(20);
      assertThat(aliasTargets(engine, "products")).containsExactly("products-v1");
      assertThat(get(engine, "/products/_mapping").has("products")).as("the concrete index is gone").isFalse();
      assertThat(meta(engine, "products-v1").path("fingerprint").textValue()).isEqualTo(fingerprint);
      assertThat(meta(engine, "products-v1").has("build")).as("a finished build records no positions").isFalse();
      for (String index : List.of("customers", "orders")) {
        assertThat(aliasTargets(engine, index)).as("unchanged, not rebuilt").containsExactly(index + "-v1");
      }
      var sink = upgraded.with(Map.of(SinkSettings.HOSTS, stack.endpoints().searchUrl())).sink();
      try (var next = new EngineSession(sink)) {
        next.prepare(Indexes.of(upgraded).all());
        assertThat(next.builds()).as("what the next start builds").isEmpty();
      }
    }
  }

  /**
   * Creates {@code index} as a plain index with no alias: the settings and mapping denorm gives it,
   * and, so that a start of this version takes it for up to date and fills it, this version's fingerprint.
   *
   * @return that fingerprint
   */
  private static String createConcreteIndex(RestClient engine, AppConfig config, String index) throws IOException {
    var documents = Indexes.of(config).named(index);
    var body = new EngineIndexManager(engine, config.sink()).indexBody(index, SpecificData.get().getSchema(documents.documentSerde().type()));
    String fingerprint = Fingerprint.of(body.get("mappings"), config.sink().indexShards(), documents.topologyVersion());
    body.withObjectProperty("mappings").putObject("_meta").putObject("denorm").put("fingerprint", fingerprint);
    send(engine, "PUT", "/" + index, body);
    return fingerprint;
  }

  /** Leaves the _meta an index of a version before fingerprints has: the document topic id and generation alone. */
  private static void forgetFingerprint(RestClient engine, String index) throws IOException {
    var meta = (ObjectNode) get(engine, "/" + index + "/_mapping").path(index).path("mappings").path("_meta");
    ((ObjectNode) meta.path("denorm")).remove("fingerprint");
    assertThat(meta.path("denorm").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("documents_topic_id", "version_generation");
    send(engine, "PUT", "/" + index + "/_mapping", JSON.createObjectNode().set("_meta", meta));
  }

  private static void send(RestClient engine, String method, String path, JsonNode body) throws IOException {
    var request = new Request(method, path);
    request.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
    engine.performRequest(request);
  }

  /** Records copied so far by a build: the sum of the positions in its _meta. */
  private static long copied(RestClient engine, String index) throws IOException {
    if (!exists(engine, "/" + index)) {
      return 0;
    }
    long sum = 0;
    for (JsonNode position : meta(engine, index).path("build").path("positions")) {
      sum += position.asLong();
    }
    return sum;
  }

  private static JsonNode meta(RestClient engine, String index) throws IOException {
    return get(engine, "/" + index + "/_mapping").path(index).path("mappings").path("_meta").path("denorm");
  }

  private static List<String> aliasTargets(RestClient engine, String alias) throws IOException {
    var targets = new ArrayList<String>();
    get(engine, "/_alias/" + alias).fieldNames().forEachRemaining(targets::add);
    return targets;
  }

  private static boolean exists(RestClient engine, String path) {
    try {
      // the low-level client answers a HEAD's 404 without an exception
      return engine.performRequest(new Request("HEAD", path)).getStatusLine().getStatusCode() == 200;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode get(RestClient engine, String path) throws IOException {
    return JSON.readTree(engine.performRequest(new Request("GET", path)).getEntity().getContent());
  }

  /**
   * Searches each alias every 50 ms as a user would: {@code _count} must never drop below the
   * count before the reindex, and an ids query for a sample of documents must find all of them
   * ({@link #problems}); a search the engine answers with an error is a {@link #failures failure}.
   */
  private static final class AliasWatch implements AutoCloseable {

    /** A search of {@code index} in check number {@code check} that the engine answered with an error. */
    record Failure(String index, long check, String error) {}

    private final RestClient engine;
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, List<String>> samples = new HashMap<>();
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    /** Per index, each concrete index its name resolved to, with the first check that saw it. */
    final Map<String, Map<String, Long>> targetsSeen = new ConcurrentHashMap<>();
    final AtomicLong checks = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    AliasWatch(RestClient engine, SearchDocuments search) throws IOException {
      this.engine = engine;
      for (String index : INDEXES) {
        counts.put(index, get(engine, "/" + index + "/_count").path("count").asLong());
        samples.put(index, search.documents(index).keySet().stream().sorted().limit(25).toList());
        targetsSeen.put(index, new ConcurrentHashMap<>());
      }
    }

    void start() {
      timer.scheduleWithFixedDelay(this::check, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void check() {
      long check = checks.get();
      for (String index : INDEXES) {
        try {
          // the indexes the name resolves to: itself when concrete, the alias's targets otherwise
          get(engine, "/" + index + "/_alias").fieldNames()
              .forEachRemaining(target -> targetsSeen.get(index).putIfAbsent(target, check));
          long count = get(engine, "/" + index + "/_count").path("count").asLong();
          if (count < counts.get(index)) {
            problems.add(index + ": _count " + count + " < " + counts.get(index));
          }
          var query = JSON.createObjectNode().put("size", samples.get(index).size()).put("_source", false);
          var ids = query.putObject("query").putObject("ids").putArray("values");
          samples.get(index).forEach(ids::add);
          var request = new Request("POST", "/" + index + "/_search");
          request.setEntity(new StringEntity(JSON.writeValueAsString(query), ContentType.APPLICATION_JSON));
          long found = JSON.readTree(engine.performRequest(request).getEntity().getContent())
              .path("hits").path("total").path("value").asLong();
          if (found < samples.get(index).size()) {
            problems.add(index + ": " + found + " of the " + samples.get(index).size() + " sample documents found");
          }
        } catch (IOException | RuntimeException e) {
          failures.add(new Failure(index, check, e.toString()));
        }
      }
      checks.incrementAndGet();
    }

    /** Lets a check under way finish: interrupted, its request would fail. */
    @Override
    public void close() throws InterruptedException {
      timer.shutdown();
      timer.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
