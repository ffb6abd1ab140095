package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.config.KafkaClients;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.Indexes;
import dev.denorm.index.product.ProductIndex;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.ConnectorConfig;
import dev.denorm.tools.stack.Stack;
import dev.denorm.verify.SearchDocuments;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import dev.denorm.position.Mark;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start: the app runs before the connector is registered, creates the change topics
 * itself, and writes the documents of the tables the connector has snapshotted while it is still
 * stuck on a later one. The connector snapshots the tables in its include list's order (products
 * first, order_lines last); the test makes the last one slow, deterministically: the connector's
 * SELECT of order_lines goes through a function that waits for an advisory lock the test holds.
 * Not a table lock: {@code LOCK TABLE ... ACCESS EXCLUSIVE} gives the locking transaction an xid, and
 * the connector's replication slot is not created until every transaction with an xid has ended, so
 * a table lock taken before the registration stops the snapshot before its first table. The
 * connector's own {@code snapshot.locking.mode} is PostgreSQL's default, {@code none}: no LOCK TABLE
 * of its own ({@code shared} would lock every captured table before reading the first).
 */
class FirstStartIT {

  private static final long GATE = 4_711_2026L;
  private static final int EXTRA_PRODUCTS = 5_000;

  @TempDir Path state;

  @Test
  void shouldWriteTheProductsWhileTheConnectorWaitsToSnapshotTheLastTableAndHoldTheIndexesThatReadIt()
      throws Exception {
    // the bound is not what this test is about: a busy machine must not end the hold while the gate is shut
    var config = AppConfig.from(Map.of("commit.interval.ms", "200", "denorm.http.port", "0", TopologySettings.SNAPSHOT_HOLD_MS, "120000",
        TopologySettings.SNAPSHOT_HOLD_MAX_MS, "120000"));
    var schema = config.topology().sourceSchema();
    assertThat(ConnectorConfig.tableIncludeList(schema, Indexes.of(config)))
        .as("the connector snapshots in this order").isEqualTo(String.join(",", List.of(schema + ".products",
            schema + ".customers", schema + ".addresses", schema + ".orders", schema + ".order_lines")));
    var lines = schema + ".order_lines";
    var connector = Map.of("snapshot.select.statement.overrides", lines,
        "snapshot.select.statement.overrides." + lines, "SELECT * FROM " + lines + " WHERE (SELECT public.first_start_gate())");
    var gate = new AtomicReference<Connection>();
    var app = new AtomicReference<DenormApp>();
    try (var stack = Stack.start(config, endpoints -> {
          seed(endpoints);
          gate.set(endpoints.connect());
          Sql.exec(gate.get(), "SELECT pg_advisory_lock(" + GATE + ")");
          // before the connector exists: the app creates the change topics, and consumes them as the connector writes
          app.set(DenormApp.start(config, endpoints, Optional.of(state)));
        }, connector);
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var admin = KafkaClients.of(config).withBootstrapServers(stack.endpoints().bootstrapServers()).admin("first-start")) {
      try {
        var endpoints = stack.endpoints();
        var topology = config.topology();
        await("the connector's snapshot waiting at order_lines").atMost(Duration.ofSeconds(60))
            .until(() -> snapshotWaitsAtTheGate(endpoints));
        assertThat(endOffsets(admin, List.of(topology.changeTopic("order_lines"))).values())
            .as("no order line captured yet").containsOnly(0L);

        OracleWait.until(app.get(), endpoints, search, Indexes.of(new ProductIndex()), Duration.ofSeconds(90));
        // everything the connector wrote so far went through the app: what it holds back, it holds
        await("the app consumed every record there is").atMost(Duration.ofSeconds(60))
            .until(() -> consumedAll(admin, config));
        await("nothing of the indexes that wait for order_lines").during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(10))
            .until(() -> search.documents("orders").isEmpty() && search.documents("customers").isEmpty());
        assertThat(snapshotWaitsAtTheGate(endpoints)).as("the products were written while the snapshot still waited")
            .isTrue();

        Sql.exec(gate.get(), "SELECT pg_advisory_unlock(" + GATE + ")");
        OracleWait.until(app.get(), endpoints, search, Indexes.of(config), Duration.ofSeconds(120));
        try (var c = endpoints.connect()) {
          for (String index : Indexes.of(config).names()) {
            assertThat(documentRecords(endpoints.bootstrapServers(), topology.documentTopic(index)))
                .as("every %s document written once: none before its rows were in", index)
                .isEqualTo(count(c, index)); // each index's root table has its name
          }
        }
      } finally {
        close(app); // before the stack: its broker and engine go with it
      }
    } finally {
      close(app);
      if (gate.get() != null) {
        gate.get().close();
      }
    }
  }

  private static void close(AtomicReference<DenormApp> app) throws Exception {
    var running = app.getAndSet(null);
    if (running != null) {
      running.close();
    }
  }

  /** The shop with a first table larger than the others, and the gate the connector's read of order_lines passes. */
  private static void seed(Endpoints endpoints) throws SQLException {
    try (var c = endpoints.connect()) {
      new ShopGenerator(200, 11).fill(c);
      Sql.exec(c, "INSERT INTO shop.products (id, sku, name, price) SELECT 100000 + g, 'BULK-' || g, 'Bulk ' || g,"
          + " g % 1000 + 0.99 FROM generate_series(1, " + EXTRA_PRODUCTS + ") g");
      Sql.exec(c, "CREATE FUNCTION public.first_start_gate() RETURNS boolean LANGUAGE plpgsql AS $$"
          + " BEGIN PERFORM pg_advisory_xact_lock_shared(" + GATE + "); RETURN true; END $$");
    }
  }

  /** A backend runs the snapshot's SELECT of order_lines and waits for the gate's advisory lock. */
  private static boolean snapshotWaitsAtTheGate(Endpoints endpoints) throws SQLException {
    try (var c = endpoints.connect(); var st = c.createStatement(); var rs = st.executeQuery(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'"
            + " AND query LIKE '%first_start_gate%' AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  /**
   * On every partition the app reads that holds records (change topics, its routing and repair topics,
   * the document topics its sink reads), the app's group has committed the partition's end.
   */
  private static boolean consumedAll(Admin admin, AppConfig config) throws Exception {
    String group = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    var read = new ArrayList<>(Indexes.of(config).changeTopics(config.topology()));
    Indexes.of(config).names().forEach(index -> read.add(config.topology().documentTopic(index)));
    admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith(group + "-") && (t.endsWith("-repartition") || t.endsWith("-repair"))).forEach(read::add);
    var partitions = admin.describeTopics(read).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    var ends = admin.listOffsets(partitions).all().get();
    return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
  }

  private static Map<String, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
    var partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    var ends = new HashMap<String, Long>();
    admin.listOffsets(partitions).all().get().forEach((p, info) -> ends.merge(p.topic(), info.offset(), Long::sum));
    return ends;
  }

  /** How many document records the topic holds (its position marks, which /wait follows, are no documents). */
  private static long documentRecords(String bootstrap, String topic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      long documents = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (!Mark.isDocumentKey(record.key())) {
            documents++;
          }
        }
      }
      return documents;
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM shop." + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
