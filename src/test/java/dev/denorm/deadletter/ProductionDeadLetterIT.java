package dev.denorm.deadletter;

import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.order;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.app.DenormTopology;
import dev.denorm.assembly.RepairTopic;
import dev.denorm.capture.Topics;
import dev.denorm.config.AppConfig;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.Indexes;
import dev.denorm.index.order.OrderIndex;
import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.testkit.ChangeEvents;
import dev.denorm.testkit.TempDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A document over the producer's max.request.size, on a real broker, under both guarantees: it
 * is set aside in the dead-letter topic (BoundedBytes refuses it, the production exception handler
 * dead-letters it), the stream thread keeps running and writes the later documents; assembled
 * again after a crash, it is set aside again under the same key.
 * The orders index runs alone (its documents part: change topics in, document topic out); an
 * order's lines carry their product's name, so one order with many lines of a product with a long
 * name is over the limit while every row, and so every routing record, fits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionDeadLetterIT {

  private static final int MAX_REQUEST_SIZE = 30_000;
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddedKafkaBroker kafka;
  private KafkaProducer<byte[], byte[]> producer;
  private final List<Path> stateDirs = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafkaBroker.start();
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  @AfterAll
  void stop() {
    stateDirs.forEach(TempDirs::delete);
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private AppConfig config(String run, String stateDir, long commitIntervalMs, String guarantee) {
    Path state = TempDirs.create(stateDir);
    stateDirs.add(state);
    var values = new HashMap<String, String>();
    values.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    values.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    values.put(StreamsConfig.APPLICATION_ID_CONFIG, run);
    values.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    values.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    values.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    values.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
    values.put(StreamsConfig.producerPrefix("max.request.size"), Integer.toString(MAX_REQUEST_SIZE));
    values.put(TopologySettings.SOURCE_TOPIC_PREFIX, run);
    values.put(TopologySettings.DOCUMENT_TOPIC_PREFIX, run + ".documents.");
    values.put(TopologySettings.DEAD_LETTER_TOPIC, run + ".dead-letter");
    values.put(TopologySettings.INDEXES, OrderIndex.class.getName());
    values.put(TopologySettings.EMIT_INTERVAL_MS, "100");
    // the first rows come as a snapshot: an order is emitted once, whole, after its rows stopped coming
    values.put(TopologySettings.SNAPSHOT_HOLD_MS, "1000");
    values.put(TopologySettings.SNAPSHOT_HOLD_MAX_MS, "2000");
    return AppConfig.from(values);
  }

  /**
   * The documents part of the production topology; with a {@code crashTopic}, a record there kills
   * the stream thread (its tasks are closed dirty, nothing is committed), as a crash of the process.
   */
  private static KafkaStreams streams(AppConfig config, String crashTopic) {
    var builder = DenormTopology.documents(config, Indexes.of(config));
    if (crashTopic != null) {
      builder.stream(crashTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crash-source"))
          .process(() -> new Processor<byte[], byte[], Void, Void>() {
            @Override
            public void process(Record<byte[], byte[]> record) {
              throw new IllegalStateException("simulated crash");
            }
          }, Named.as("crash"));
    }
    var streams = new KafkaStreams(builder.build(config.streamsProperties()), config.streamsProperties());
    streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    streams.start();
    return streams;
  }

  private void snapshot(TopologySettings topology, String table, long id, Map<String, ?> row) throws Exception {
    producer.send(new ProducerRecord<>(topology.changeTopic(table), ChangeEvents.key(id),
        ChangeEvents.snapshot(table, row))).get();
  }

  private void insert(TopologySettings topology, String table, long id, Map<String, ?> row) throws Exception {
    producer.send(new ProducerRecord<>(topology.changeTopic(table), ChangeEvents.key(id),
        ChangeEvents.create(table, row))).get();
  }

  /** Every committed record of the topic so far, once at least {@code expected} are there. */
  private List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) {
    var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
        "auto.offset.reset", "earliest", "isolation.level", "read_committed"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      var partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(PATIENCE).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }

  private static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
    var keys = new TreeSet<String>();
    records.forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
    return keys;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The topics, as the application and the connector would have created them, and the first rows, as a snapshot. */
  private void prepare(String run, AppConfig config, String crashTopic) throws Exception {
    var topology = config.topology();
    Topics.ensure(EmbeddedKafkaBroker.clients(kafka.bootstrapServers()), Indexes.of(config).changeTopics(topology), 1, false);
    // the repair topic as DenormApp makes it: with the routing topics' partitions
    Topics.ensure(EmbeddedKafkaBroker.clients(kafka.bootstrapServers()), List.of(RepairTopic.name(run, "orders")),
        topology.partitions(), false);
    Topics.ensure(EmbeddedKafkaBroker.clients(kafka.bootstrapServers()), List.of(topology.documentTopic("orders"),
        crashTopic), 1, false);
    Topics.ensure(EmbeddedKafkaBroker.clients(kafka.bootstrapServers()), List.of(topology.deadLetterTopic()), 1, true);

    var longName = product(1);
    longName.put("name", "Teapot " + "with a very long name ".repeat(150));
    snapshot(topology, "customers", 1, customer(1));
    snapshot(topology, "products", 1, longName);
    snapshot(topology, "products", 2, product(2));
    snapshot(topology, "orders", 1, order(1, 1, null));
    for (long line = 1; line <= 20; line++) {
      snapshot(topology, "order_lines", line, line(line, 1, 1, 1, "1.00"));
    }
    snapshot(topology, "orders", 2, order(2, 1, null));
    snapshot(topology, "order_lines", 21, line(21, 2, 2, 1, "1.00"));
  }

  /**
   * Order 1 (20 lines) is set aside, order 2 written, and so is order 3, which comes later; the
   * thread runs on. Returns the dead letter's key.
   */
  private String shouldSetOrderOneAsideAndWriteTheOthers(TopologySettings topology, KafkaStreams streams)
      throws Exception {
    String documents = topology.documentTopic("orders");
    var letter = read(topology.deadLetterTopic(), 1).getFirst();
    String key = new String(letter.key(), StandardCharsets.UTF_8);
    assertThat(key).as("emitted by a punctuation: keyed by its content").startsWith(documents + "#");
    assertThat(header(letter, DeadLetterHeaders.KEY)).isEqualTo("1");
    assertThat(header(letter, DeadLetterHeaders.ERROR_TYPE)).isEqualTo("too_large");
    assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(RecordTooLargeException.class.getName());
    assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains(documents, "max.request.size");
    var value = JSON.readTree(letter.value());
    assertThat(value.get("topic").asText()).isEqualTo(documents);
    assertThat(value.get("value_bytes").asInt()).isGreaterThan(MAX_REQUEST_SIZE);

    insert(topology, "orders", 3, order(3, 1, null));
    await().atMost(PATIENCE).until(() -> keys(read(documents, 1)).containsAll(List.of("2", "3")));
    assertThat(keys(read(documents, 1))).doesNotContain("1");
    assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    return key;
  }

  @Test
  void shouldSetADocumentOverMaxRequestSizeAsideOnceAndGoOnWritingTheLaterDocuments() throws Exception {
    String run = "oversize";
    String crashTopic = run + ".crash";
    var first = config(run, "denorm-oversize-a-", Duration.ofHours(1).toMillis(),
        StreamsConfig.AT_LEAST_ONCE);
    var topology = first.topology();
    prepare(run, first, crashTopic);

    String letterKey;
    var streams = streams(first, crashTopic);
    try {
      letterKey = shouldSetOrderOneAsideAndWriteTheOthers(topology, streams);
      // a crash before any commit: everything is processed again
      producer.send(new ProducerRecord<>(crashTopic, new byte[1], new byte[0])).get();
      await().atMost(PATIENCE).until(() -> streams.state() == KafkaStreams.State.ERROR);
    } finally {
      streams.close(Duration.ofSeconds(30));
    }

    var again = streams(config(run, "denorm-oversize-b-", 200, StreamsConfig.AT_LEAST_ONCE), null);
    try {
      var letters = read(topology.deadLetterTopic(), 2);
      assertThat(letters).as("set aside again by the replay").hasSize(2);
      assertThat(keys(letters)).as("under the same key").containsExactly(letterKey);
      try (var tail = new DeadLetterTail(EmbeddedKafkaBroker.clients(kafka.bootstrapServers()), "test",
          List.of(topology.deadLetterTopic()))) {
        tail.catchUp();
        assertThat(tail.ofChanges().count()).as("one poison record").isEqualTo(1);
      }
      assertThat(again.state()).isEqualTo(KafkaStreams.State.RUNNING);
    } finally {
      again.close(Duration.ofSeconds(30));
    }
  }

  /**
   * Under exactly-once a record the producer refuses would abort the task's transaction (and the
   * dead letter with it): the value is refused in serialization instead, before it is sent.
   */
  @Test
  void shouldSetADocumentOverMaxRequestSizeAsideUnderExactlyOnce() throws Exception {
    String run = "oversize-eos";
    var config = config(run, "denorm-oversize-eos-", 200, StreamsConfig.EXACTLY_ONCE_V2);
    prepare(run, config, run + ".crash");
    var streams = streams(config, null);
    try {
      shouldSetOrderOneAsideAndWriteTheOthers(config.topology(), streams);
    } finally {
      streams.close(Duration.ofSeconds(30));
    }
  }
}
