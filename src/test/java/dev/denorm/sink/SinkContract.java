package dev.denorm.sink;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.common.TopicPartition;
import org.apache.avro.specific.SpecificRecord;
import java.util.HashMap;
import dev.denorm.config.AppConfig;
import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import dev.denorm.sink.engine.EngineSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.deadletter.DeadLetterHeaders;
import dev.denorm.deadletter.DeadLetterTail;
import dev.denorm.sink.bulk.ItemResult;
import dev.denorm.config.SinkSettings;
import dev.denorm.config.TopologySettings;
import dev.denorm.document.OrderDocument;
import dev.denorm.document.ProductDocument;
import dev.denorm.serde.AvroSerde;
import dev.denorm.sink.convert.DocumentConverter;
import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.testing.FaultProxy;
import dev.denorm.testing.ReferenceDocuments;
import dev.denorm.testing.SearchEngineUnderTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The sink's behaviour against a real engine and a real broker, both started once per class:
 * the subclasses choose the engine. Every test drives the real processor through Kafka Streams.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SinkContract {

  /** The engine's request limit: bodies over it are answered 413 (a document over it can never be written). */
  protected static final int ENGINE_REQUEST_LIMIT = 100 * 1024;
  /** The node settings the subclasses start their engine with. */
  protected static final Map<String, String> ENGINE_SETTINGS = Map.of("http.max_content_length", "100kb");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  protected SearchEngineUnderTest engine;
  protected EmbeddedKafkaBroker kafka;
  protected EngineQueries queries;
  private KafkaProducer<String, byte[]> producer;
  private String run;
  private TopologySettings topology;

  protected abstract SearchEngineUnderTest startEngine() throws Exception;

  @BeforeAll
  void startParts() throws Exception {
    engine = startEngine();
    kafka = EmbeddedKafkaBroker.start();
    queries = new EngineQueries(engine.url());
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", "5"),
        new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  void stopParts() throws Exception {
    if (producer != null) {
      producer.close();
    }
    if (queries != null) {
      queries.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @BeforeEach
  void name(TestInfo test) {
    run = "t" + SEQUENCE.incrementAndGet();
    topology = AppConfig.from(Map.of(TopologySettings.DOCUMENT_TOPIC_PREFIX, run + ".documents."))
        .topology();
  }

  /** The settings the contract runs with, then the overrides (key, value, key, value, ...). */
  private SinkSettings settings(String url, String... overrides) {
    var values = new HashMap<>(Map.of(SinkSettings.HOSTS, url,
        SinkSettings.INDEX_SHARDS, "1", SinkSettings.INDEX_REPLICAS, "0",
        SinkSettings.BACKOFF_INITIAL_MS, "20", SinkSettings.BACKOFF_MAX_MS, "500",
        SinkSettings.BATCH_MAX_ACTIONS, "500", SinkSettings.BATCH_MAX_BYTES, Integer.toString(5 * 1024 * 1024),
        SinkSettings.LINGER_MS, "50", SinkSettings.MAX_IN_FLIGHT, "2",
        SinkSettings.DEAD_LETTER_TOPIC, deadLetterTopic()));
    for (int i = 0; i < overrides.length; i += 2) {
      values.put(overrides[i], overrides[i + 1]);
    }
    return SinkSettings.of(values);
  }

  private String deadLetterTopic() {
    return run + ".dead-letter";
  }


  private SinkApp app(SinkSettings sink, List<TestIndex<?>> indexes, long commitIntervalMs) throws Exception {
    return app(run + "-app", sink, indexes, commitIntervalMs);
  }

  private SinkApp app(String applicationId, SinkSettings sink, List<TestIndex<?>> indexes, long commitIntervalMs)
      throws Exception {
    return new SinkApp(kafka.bootstrapServers(), applicationId, topology, sink, indexes, commitIntervalMs, b -> {});
  }

  private void topics(TestIndex<?>... indexes) throws Exception {
    var names = new ArrayList<String>();
    for (var index : indexes) {
      names.add(topology.documentTopic(index.name()));
    }
    names.add(deadLetterTopic());
    kafka.createTopics(1, names.toArray(String[]::new));
  }

  private <D extends SpecificRecord> void send(TestIndex<D> index, long id, D document)
      throws Exception {
    byte[] value = document == null ? null : index.documentSerde().toBytes(document);
    producer.send(new ProducerRecord<>(topology.documentTopic(index.name()), Long.toString(id), value)).get();
  }

  private void sendRaw(TestIndex<?> index, String id, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topology.documentTopic(index.name()), id, value)).get();
  }

  @Test
  void shouldIndexUpdateAndDeleteDocumentsWithTheirOffsetsAsVersions() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    var orders = TestIndex.of(run + "-orders", OrderDocument.class);
    topics(products, orders);
    try (var app = app(settings(engine.url()), List.of(products, orders), 100)) {
      send(products, 1, ReferenceDocuments.product(1, "Teapot", "19.90"));
      send(products, 2, ReferenceDocuments.product(2, "Kettle", "100.00"));
      send(products, 1, ReferenceDocuments.product(1, "Teapot XL", "24.50"));
      send(products, 2, null);
      var order = ReferenceDocuments.order(7, 3);
      send(orders, 7, order);

      await().atMost(PATIENCE).untilAsserted(() -> {
        assertThat(queries.source(products.name(), "1")).hasValueSatisfying(
            doc -> assertThat(doc.get("name").asText()).isEqualTo("Teapot XL"));
        assertThat(queries.document(products.name(), "2")).isEmpty();
        assertThat(queries.document(orders.name(), "7")).isPresent();
      });
      assertThat(queries.document(products.name(), "1").orElseThrow().get("_version").asLong()).isEqualTo(2);
      // The stored JSON is exactly the converter's: exact decimals, microseconds, nulls kept.
      assertThat(queries.source(orders.name(), "7").orElseThrow())
          .isEqualTo(JSON.readTree(DocumentConverter.toJson(order)));
      assertThat(queries.source(products.name(), "1").orElseThrow().get("price").decimalValue())
          .isEqualByComparingTo("24.5");
      // Actions for one document within a batch are compacted to the newest, so count at least one per document.
      await().atMost(PATIENCE).until(() -> app.metric("documents-indexed-total") >= 2);
      assertThat(queries.request("GET", "/_alias/" + products.name(), null).has(products.name() + "-v1")).isTrue();
    }
  }

  @Test
  void shouldKeepTheNewerDocumentWhenAnOlderVersionIsReplayed() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    var sink = settings(engine.url());
    try (var app = app(sink, List.of(products), 100)) {
      send(products, 5, ReferenceDocuments.product(5, "Old name", "1.00"));
      send(products, 5, ReferenceDocuments.product(5, "New name", "2.00"));
      send(products, 6, ReferenceDocuments.product(6, "Gone", "3.00"));
      send(products, 6, null);
      await().atMost(PATIENCE).untilAsserted(() -> {
        assertThat(queries.source(products.name(), "5")).hasValueSatisfying(
            doc -> assertThat(doc.get("name").asText()).isEqualTo("New name"));
        assertThat(queries.document(products.name(), "6")).isEmpty();
      });
    }
    // Replay everything from the start, as after losing the committed offsets: a new group starts at the beginning.
    try (var app = app(run + "-replay", sink, List.of(products), 100)) {
      // Committed up to the end: every replayed action was acknowledged (as stale: newer versions are there).
      await().atMost(PATIENCE).until(() -> committedOffset(run + "-replay", products) == 4);
      assertThat(app.metric("documents-received-total")).isEqualTo(4);
      assertThat(app.metric("documents-stale-total")).isPositive();
      assertThat(queries.source(products.name(), "5").orElseThrow().get("name").asText()).isEqualTo("New name");
      assertThat(queries.document(products.name(), "5").orElseThrow().get("_version").asLong()).isEqualTo(1);
      assertThat(queries.document(products.name(), "6")).isEmpty();
      assertThat(app.metric("documents-indexed-total")).isZero();
    }
  }

  @Test
  void shouldWriteNewDocumentsAfterTheDocumentTopicIsDeletedAndCreatedAgain() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    var sink = settings(engine.url());
    try (var app = app(sink, List.of(products), 100)) {
      send(products, 1, ReferenceDocuments.product(1, "First", "1.00"));
      send(products, 1, ReferenceDocuments.product(1, "Second", "1.00"));
      send(products, 1, ReferenceDocuments.product(1, "Third", "1.00"));
      await().atMost(PATIENCE).untilAsserted(() -> assertThat(queries.source(products.name(), "1"))
          .hasValueSatisfying(doc -> assertThat(doc.get("name").asText()).isEqualTo("Third")));
    }
    String topic = topology.documentTopic(products.name());
    kafka.deleteTopics(List.of(topic));
    await().atMost(PATIENCE).until(() -> {
      try (var admin = kafka.admin()) {
        return !admin.listTopics().names().get().contains(topic);
      }
    });
    await().atMost(PATIENCE).ignoreExceptions().until(() -> {
      kafka.createTopics(1, topic);
      return true;
    });
    try (var app = app(sink, List.of(products), 100)) {
      // offset 0 again: as a bare offset this version would be older than the 2 in the index, and ignored
      send(products, 1, ReferenceDocuments.product(1, "After the topic was created again", "2.00"));
      await().atMost(PATIENCE).untilAsserted(() -> assertThat(queries.source(products.name(), "1"))
          .hasValueSatisfying(doc -> assertThat(doc.get("name").asText()).isEqualTo("After the topic was created again")));
      assertThat(queries.document(products.name(), "1").orElseThrow().get("_version").asLong()).isEqualTo(1L << 40);
      assertThat(app.metric("documents-stale-total")).isZero();
    }
  }

  @Test
  void shouldSendDeadLetterWhenTheEngineRejectsADocumentAndWriteItsBatchMates() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    // A keyword longer than Lucene's 32766-byte term limit: the engine rejects it, retrying cannot help.
    var immense = ReferenceDocuments.product(2, "Immense", "1.00");
    immense.setSku("x".repeat(40_000));
    try (var app = app(settings(engine.url(), SinkSettings.LINGER_MS, "500"), List.of(products), 100)) {
      send(products, 1, ReferenceDocuments.product(1, "Fine", "1.00"));
      send(products, 2, immense);
      send(products, 3, ReferenceDocuments.product(3, "Also fine", "1.00"));
      sendRaw(products, "4", "not avro".getBytes(StandardCharsets.UTF_8));

      var letters = readDeadLetters(2);
      assertThat(queries.document(products.name(), "1")).isPresent();
      assertThat(queries.document(products.name(), "3")).isPresent();
      assertThat(queries.document(products.name(), "2")).isEmpty();

      var rejected = letters.stream().filter(r -> header(r, DeadLetterHeaders.ID).equals("2")).findFirst().orElseThrow();
      assertThat(header(rejected, DeadLetterHeaders.INDEX)).isEqualTo(products.name());
      assertThat(header(rejected, DeadLetterHeaders.ERROR_TYPE)).isIn("illegal_argument_exception", "document_parsing_exception",
          "mapper_parsing_exception");
      assertThat(header(rejected, DeadLetterHeaders.MESSAGE)).isNotBlank();
      assertThat(header(rejected, DeadLetterHeaders.TOPIC)).isEqualTo(topology.documentTopic(products.name()));
      assertThat(header(rejected, DeadLetterHeaders.OFFSET)).isEqualTo("1");
      assertThat(JSON.readTree(rejected.value()).get("name").asText()).isEqualTo("Immense");
      var undecodable = letters.stream().filter(r -> header(r, DeadLetterHeaders.ID).equals("4")).findFirst().orElseThrow();
      assertThat(header(undecodable, DeadLetterHeaders.ERROR_TYPE)).isEqualTo("decode_error");
      assertThat(undecodable.value()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
      await().atMost(PATIENCE).until(() -> app.metric("documents-dead-lettered-total") == 2);
    }
  }

  /** A product whose JSON is about {@code bytes} long: its description makes up the rest. */
  private static ProductDocument sized(long id, int bytes) {
    var product = ReferenceDocuments.product(id, "Sized " + id, "1.00");
    product.setDescription("lorem ipsum ".repeat(bytes / 12));
    return product;
  }

  @Test
  void shouldSendADocumentOverTheEnginesRequestLimitToDeadLettersKeyedByItsPositionAndWriteItsBatchMates()
      throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    try (var app = app(settings(engine.url(), SinkSettings.LINGER_MS, "500"), List.of(products), 100)) {
      send(products, 1, ReferenceDocuments.product(1, "Fine", "1.00"));
      send(products, 2, sized(2, ENGINE_REQUEST_LIMIT + 10_000));
      send(products, 3, ReferenceDocuments.product(3, "Also fine", "1.00"));

      var letter = readDeadLetters(1).getFirst();
      await().atMost(PATIENCE).untilAsserted(() -> {
        assertThat(queries.document(products.name(), "1")).isPresent();
        assertThat(queries.document(products.name(), "3")).isPresent();
      });
      assertThat(queries.document(products.name(), "2")).isEmpty();
      String topic = topology.documentTopic(products.name());
      assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(topic + "-0@1/" + products.name());
      assertThat(header(letter, DeadLetterHeaders.ERROR_TYPE)).isEqualTo(ItemResult.TOO_LARGE);
      assertThat(header(letter, DeadLetterHeaders.ID)).isEqualTo("2");
      assertThat(header(letter, DeadLetterHeaders.INDEX)).isEqualTo(products.name());
      assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
      assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("1");
      assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains("bytes", Integer.toString(ENGINE_REQUEST_LIMIT));
      assertThat(letter.value()).as("the document is left at its position, too large to carry").isEmpty();
      await().atMost(PATIENCE).until(() -> app.metric("documents-dead-lettered-total") == 1);
      assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  @Test
  void shouldSplitARequestTheEngineRefusesWith413AndWriteEveryDocument() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    try (var proxy = new FaultProxy(engine.url())) {
      // The sink's user may not read the engine's limit: the writer learns it from the 413.
      proxy.failPath("/_nodes/http", 403);
      try (var app = app(settings(proxy.url(), SinkSettings.LINGER_MS, "1000"), List.of(products), 100)) {
        // each fits the limit, five together do not
        for (int id = 1; id <= 6; id++) {
          send(products, id, sized(id, ENGINE_REQUEST_LIMIT * 2 / 5));
        }
        await().atMost(PATIENCE).until(() -> queries.count(products.name()) == 6);
        assertThat(proxy.forwarded(413)).as("requests the engine refused as too large").isPositive();
        assertThat(app.metric("documents-dead-lettered-total")).isZero();
        assertThat(app.metric("documents-indexed-total")).isEqualTo(6);
      }
    }
  }

  @Test
  void shouldDeadLetterAPoisonDocumentOnceUnderOneKeyWhenItIsProcessedAgainAfterACrash() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    String crashTopic = run + ".crash";
    kafka.createTopics(1, crashTopic);
    var sink = settings(engine.url());
    String key = topology.documentTopic(products.name()) + "-0@1/" + products.name();
    // no commit comes by itself: the crash leaves the poison record uncommitted
    try (var app = new SinkApp(kafka.bootstrapServers(), run + "-app", topology, sink, List.of(products),
        Duration.ofHours(1).toMillis(), b -> Crasher.addTo(b, crashTopic))) {
      send(products, 1, ReferenceDocuments.product(1, "Fine", "1.00"));
      send(products, 2, sized(2, ENGINE_REQUEST_LIMIT + 10_000));
      assertThat(readDeadLetters(1)).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly(key);
      producer.send(new ProducerRecord<>(crashTopic, "boom", new byte[0])).get();
      await().atMost(PATIENCE).until(() -> app.state() == KafkaStreams.State.ERROR);
    }
    assertThat(committedOffset(run + "-app", products)).isEqualTo(-1);

    try (var app = app(sink, List.of(products), 100)) {
      await().atMost(PATIENCE).until(() -> committedOffset(run + "-app", products) == 2);
      var letters = readDeadLetters(2);
      assertThat(letters).as("written again by the replay, under the same key")
          .extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly(key, key);
      try (var tail = new DeadLetterTail(EmbeddedKafkaBroker.clients(kafka.bootstrapServers()), "test",
          List.of(deadLetterTopic()))) {
        tail.catchUp();
        assertThat(tail.ofIndex(products.name()).count()).as("one poison record").isEqualTo(1);
      }
    }
  }

  @Test
  void shouldLoseNothingWhenTheEngineThrottlesFailsAndRefusesConnectionsForAWhile() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    try (var proxy = new FaultProxy(engine.url());
         var app = app(settings(proxy.url(), SinkSettings.BATCH_MAX_ACTIONS, "10", SinkSettings.LINGER_MS, "20"), List.of(products), 100)) {
      proxy.failWith(429);
      for (int id = 1; id <= 20; id++) {
        send(products, id, ReferenceDocuments.product(id, "Throttled " + id, "1.00"));
      }
      await().atMost(PATIENCE).until(() -> proxy.failedRequests() >= 3);
      proxy.failWith(503);
      int before503 = proxy.failedRequests();
      for (int id = 21; id <= 40; id++) {
        send(products, id, ReferenceDocuments.product(id, "Unavailable " + id, "1.00"));
      }
      await().atMost(PATIENCE).until(() -> proxy.failedRequests() >= before503 + 3);
      proxy.refuseConnections();
      double retriedBefore = app.metric("documents-retried-total");
      await().atMost(PATIENCE).until(() -> app.metric("documents-retried-total") >= retriedBefore + 20);
      assertThat(queries.count(products.name())).isZero();

      proxy.recover();
      await().atMost(PATIENCE).until(() -> queries.count(products.name()) == 40);
      assertThat(queries.source(products.name(), "40").orElseThrow().get("name").asText()).isEqualTo("Unavailable 40");
      assertThat(app.metric("documents-dead-lettered-total")).isZero();
    }
  }

  @Test
  void shouldResendOnRestartAfterACrashBetweenSendAndCommit() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    String crashTopic = run + ".crash";
    kafka.createTopics(1, crashTopic);
    var sink = settings(engine.url());
    // Batches of 10 go out at once; a long linger keeps the rest buffered; no commit comes by itself.
    var firstRun = settings(engine.url(), SinkSettings.BATCH_MAX_ACTIONS, "10",
        SinkSettings.LINGER_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    try (var app = new SinkApp(kafka.bootstrapServers(), run + "-app", topology, firstRun, List.of(products),
        Duration.ofHours(1).toMillis(), b -> Crasher.addTo(b, crashTopic))) {
      for (int id = 1; id <= 15; id++) {
        send(products, id, ReferenceDocuments.product(id, "Sent " + id, "1.00"));
      }
      await().atMost(PATIENCE).until(() -> app.metric("documents-received-total") == 15);
      await().atMost(PATIENCE).until(() -> queries.count(products.name()) == 10);
      producer.send(new ProducerRecord<>(crashTopic, "boom", new byte[0])).get();
      await().atMost(PATIENCE).until(() -> app.state() == KafkaStreams.State.ERROR);
    }
    // At least ten documents were sent and acknowledged, and nothing was committed. (The dirty close
    // after the crash may still send the five buffered ones: harmless, they are not committed either.)
    assertThat(committedOffset(run + "-app", products)).isEqualTo(-1);
    long sentBeforeCrash = queries.count(products.name());
    assertThat(sentBeforeCrash).isBetween(10L, 15L);

    try (var app = app(sink, List.of(products), 100)) {
      await().atMost(PATIENCE).until(() -> committedOffset(run + "-app", products) == 15);
      // Everything is sent again; what the engine already had is recognised by its version.
      assertThat(app.metric("documents-stale-total")).isEqualTo(sentBeforeCrash);
      assertThat(app.metric("documents-indexed-total")).isEqualTo(15 - sentBeforeCrash);
      assertThat(queries.count(products.name())).isEqualTo(15);
      assertThat(queries.source(products.name(), "15").orElseThrow().get("name").asText()).isEqualTo("Sent 15");
    }
  }

  @Test
  void shouldSendBufferedActionsBeforeOffsetsAreCommitted() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    // The writer lingers for a minute: only the flush before a commit sends these five this soon.
    var lingering = settings(engine.url(), SinkSettings.LINGER_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    try (var app = app(lingering, List.of(products), 200)) {
      for (int id = 1; id <= 5; id++) {
        send(products, id, ReferenceDocuments.product(id, "Buffered " + id, "1.00"));
      }
      await().atMost(PATIENCE).until(() -> committedOffset(run + "-app", products) == 5);
      assertThat(queries.count(products.name())).isEqualTo(5);
      // and the check after each commit found nothing unflushed
      assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  @Test
  void shouldRunTheConfiguredIngestPipeline() throws Exception {
    assumeTrue(engine.hasIngestPipelines(),
        "skipped on the module-less Elasticsearch node: its ingest module is not on Maven Central");
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    topics(products);
    String pipeline = run + "-upper";
    queries.request("PUT", "/_ingest/pipeline/" + pipeline, "{\"processors\":[{\"uppercase\":{\"field\":\"sku\"}}]}");
    var piped = settings(engine.url(), SinkSettings.PIPELINES, products.name() + ":" + pipeline);
    try (var app = app(piped, List.of(products), 100)) {
      var product = ReferenceDocuments.product(1, "Piped", "1.00");
      product.setSku("sku-lower-1");
      send(products, 1, product);
      await().atMost(PATIENCE).untilAsserted(() -> assertThat(queries.source(products.name(), "1"))
          .hasValueSatisfying(doc -> assertThat(doc.get("sku").asText()).isEqualTo("SKU-LOWER-1")));
    }
    var missing = settings(engine.url(), SinkSettings.PIPELINES, products.name() + ":" + run + "-no-such-pipeline");
    try (var engineForMissing = new EngineSession(missing)) {
      assertThatThrownBy(() -> engineForMissing.prepare(List.of(products)))
          .hasMessageContaining("ingest pipeline '" + run + "-no-such-pipeline' does not exist");
    }
  }

  @Test
  void shouldGiveNewIndexesTheConfiguredSettingsAndPutTheDynamicOnesOnIndexesThatExist() throws Exception {
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    var orders = TestIndex.of(run + "-orders", OrderDocument.class);
    try (var before = new EngineSession(settings(engine.url()))) {
      before.prepare(List.of(products));
    }
    assertThat(flatSettings(products.name() + "-v1").path("index.merge.policy.floor_segment").asText())
        .as("the default merge policy, which both engines take").isEqualTo("2mb");
    var tuned = settings(engine.url(), SinkSettings.INDEX_SETTINGS, "refresh_interval=7s,"
        + "index.merge.policy.floor_segment=3mb,codec=best_compression," + products.name()
        + ":merge.policy.deletes_pct_allowed=33");
    try (var after = new EngineSession(tuned)) {
      after.prepare(List.of(products, orders));
    }

    var existing = flatSettings(products.name() + "-v1");
    assertThat(existing.path("index.refresh_interval").asText()).isEqualTo("7s");
    assertThat(existing.path("index.merge.policy.floor_segment").asText()).isEqualTo("3mb");
    assertThat(existing.path("index.merge.policy.deletes_pct_allowed").asText()).isEqualTo("33");
    assertThat(existing.has("index.codec")).as("a static setting cannot change on an open index").isFalse();
    var created = flatSettings(orders.name() + "-v1");
    assertThat(created.path("index.codec").asText()).isEqualTo("best_compression");
    assertThat(created.path("index.refresh_interval").asText()).isEqualTo("7s");
    assertThat(created.has("index.merge.policy.deletes_pct_allowed")).as("set for products only").isFalse();
  }

  private JsonNode flatSettings(String index) throws Exception {
    return queries.request("GET", "/" + index + "/_settings?flat_settings=true", null).path(index).path("settings");
  }

  private long committedOffset(String group, TestIndex<?> index) throws Exception {
    try (var admin = kafka.admin()) {
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
          .get(new TopicPartition(topology.documentTopic(index.name()), 0));
      return committed == null ? -1 : committed.offset();
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
    var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", run + "-dead-letter-reader-" + SEQUENCE.incrementAndGet(), "auto.offset.reset", "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(deadLetterTopic()));
      await().atMost(PATIENCE).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }

  private static String header(ConsumerRecord<?, ?> record, String key) {
    var header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
