package dev.denorm.e2e;

import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.index.Indexes;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.Admin;
import java.util.stream.Collectors;
import dev.denorm.cdc.IncompatibleColumnException;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.app.DenormApp;
import dev.denorm.config.AppConfig;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.Stack;
import dev.denorm.testing.ScriptedChanges;
import dev.denorm.verify.DocumentSource;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.TopicDocuments;
import dev.denorm.verify.Verifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline on real parts: embedded PostgreSQL, KRaft broker, Connect with Debezium,
 * this application and OpenSearch. After the snapshot and after the scripted changes, every
 * document in the search engine, and in the document topics, equals the oracle (each index's own
 * SQL, {@code <IndexClass>.sql}, on the same database) and no extra document exists: the test that
 * the SQL and the pipeline state the same documents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class EndToEndIT {

  private AppConfig config;
  private Stack stack;
  private DenormApp app;
  private DocumentSource documents;
  private DocumentSource search;

  @BeforeAll
  void startPipeline() throws Exception {
    config = AppConfig.from(settings());
    stack = Stack.start(config, e -> {
      try (var c = e.connect()) {
        new ShopGenerator(40, 7).fill(c);
      }
    });
    app = DenormApp.start(config, stack.endpoints(), Optional.of(stack.streamsStateDir()));
    documents = new TopicDocuments(EmbeddedKafkaBroker.clients(stack.endpoints().bootstrapServers()), config.topology(), Indexes.of(config));
    search = new SearchDocuments(stack.endpoints().searchUrl());
  }

  /** The settings the pipeline runs with; AvroEndToEndIT adds Avro change events. */
  protected Map<String, String> settings() {
    return Map.of("commit.interval.ms", "200", "denorm.http.port", "0");
  }

  @AfterAll
  void stopPipeline() throws Exception {
    if (documents != null) {
      documents.close();
    }
    if (search != null) {
      search.close();
    }
    if (app != null) {
      app.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void shouldIndexTheSnapshotExactlyAsTheOracle() {
    var reports = OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(120));
    assertThat(reports).as("every index compared with its SQL, which has documents")
        .allSatisfy(r -> assertThat(r.expectedCount()).as(r.index()).isPositive());
    OracleWait.until(app, stack.endpoints(), documents, Indexes.of(config), Duration.ofSeconds(10));
  }

  @Test
  @Order(2)
  void shouldFollowInsertsUpdatesDeletesKeyMovesToastAndTransactions() throws Exception {
    try (var c = stack.endpoints().connect()) {
      ScriptedChanges.apply(c);
    }
    var reports = OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(90));
    assertThat(changeEventsOf("pg.shop.products")).as("Debezium sent the TOAST placeholder for the unchanged description")
        .anyMatch(value -> value.contains("\"description\":\"__debezium_unavailable\\u0000value\"") // JSON
            || value.contains("__debezium_unavailable\u0000value")); // Avro: the string's own bytes
    OracleWait.until(app, stack.endpoints(), documents, Indexes.of(config), Duration.ofSeconds(10));
    assertThat(reports).extracting(IndexReport::index).containsExactlyInAnyOrder("customers", "orders", "products");
  }

  @Test
  @Order(3)
  void shouldStayEqualToTheDatabaseWhileItsTablesChangeShapeMidStream() throws Exception {
    long deadLettersBefore = deadLetters();
    try (var c = stack.endpoints().connect()) {
      c.setAutoCommit(true);
      int[] n = {0};
      Runnable changes = () -> {
        for (int i = 0; i < 30; i++, n[0]++) {
          Sql.exec(c, "UPDATE shop.orders SET status = 'S" + n[0] + "' WHERE id = " + (5 + n[0] % 20));
          Sql.exec(c, "UPDATE shop.products SET price = price + 0.01 WHERE id = " + (1 + n[0] % 10));
          Sql.exec(c, "UPDATE shop.order_lines SET quantity = quantity + 1 WHERE id = (SELECT min(id) FROM shop.order_lines"
              + " WHERE order_id = " + (5 + n[0] % 20) + ")");
          Sql.exec(c, "UPDATE shop.customers SET first_name = 'F" + n[0] + "' WHERE id = " + (5 + n[0] % 20));
        }
      };
      changes.run();
      Sql.exec(c, "ALTER TABLE shop.products ADD COLUMN colour text");
      Sql.exec(c, "UPDATE shop.products SET colour = 'red' WHERE id <= 5");
      changes.run();
      Sql.exec(c, "ALTER TABLE shop.order_lines ALTER COLUMN quantity TYPE bigint");
      changes.run();
      Sql.exec(c, "ALTER TABLE shop.products ALTER COLUMN price TYPE numeric(16,2)");
      Sql.exec(c, "ALTER TABLE shop.customers ADD COLUMN nickname varchar(10)");
      Sql.exec(c, "UPDATE shop.customers SET nickname = 'nick' WHERE id <= 5");
      changes.run();
      Sql.exec(c, "ALTER TABLE shop.customers ALTER COLUMN nickname TYPE text");
      Sql.exec(c, "ALTER TABLE shop.products RENAME COLUMN colour TO color");
      changes.run();
      Sql.exec(c, "ALTER TABLE shop.products DROP COLUMN color");
      Sql.exec(c, "ALTER TABLE shop.customers DROP COLUMN nickname");
      changes.run();
    }
    OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(90));
    OracleWait.until(app, stack.endpoints(), documents, Indexes.of(config), Duration.ofSeconds(10));
    assertThat(deadLetters()).as("no change dead-lettered").isEqualTo(deadLettersBefore);
  }

  private long deadLetters() throws Exception {
    try (var admin = Admin.create(Map.of("bootstrap.servers", stack.endpoints().bootstrapServers()))) {
      var topic = config.topology().deadLetterTopic();
      if (!admin.listTopics().names().get().contains(topic)) {
        return 0;
      }
      var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
      return admin.listOffsets(partitions).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }
  }


  @Test
  @Order(4)
  void shouldApplyATruncateOfAChildTable() throws Exception {
    try (var c = stack.endpoints().connect()) {
      c.setAutoCommit(true);
      Sql.exec(c, "TRUNCATE shop.order_lines");
      Sql.exec(c, "INSERT INTO shop.order_lines VALUES (9101, 5, 1, 1, 3.00)");
    }
    OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(90));
  }

  @Test
  @Order(5)
  void shouldApplyATruncateOfSeveralTablesWithCascade() throws Exception {
    try (var c = stack.endpoints().connect()) {
      c.setAutoCommit(true);
      // orders cascades to order_lines; addresses are nested in customers
      Sql.exec(c, "TRUNCATE shop.orders, shop.addresses CASCADE");
      Sql.exec(c, "INSERT INTO shop.orders VALUES (9201, 1, 'NEW', '2026-08-01T10:00:00Z', NULL)");
    }
    var reports = OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(90));
    assertThat(reports).filteredOn(r -> r.index().equals("orders")).singleElement()
        .satisfies(r -> assertThat(r.expectedCount()).as("only the order inserted after the truncate").isEqualTo(1));
    OracleWait.until(app, stack.endpoints(), documents, Indexes.of(config), Duration.ofSeconds(10));
  }

  @Test
  @Order(6)
  void shouldStopLoudlyAndSetNothingAsideWhenAColumnTheDocumentsReadIsDropped() throws Exception {
    long deadLettersBefore = deadLetters();
    try (var c = stack.endpoints().connect()) {
      c.setAutoCommit(true);
      Sql.exec(c, "ALTER TABLE shop.products DROP COLUMN name");
      Sql.exec(c, "UPDATE shop.products SET price = price + 1 WHERE id = 1");
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> app.failed());
    Throwable cause = app.failure().orElseThrow();
    while (cause.getCause() != null && !(cause instanceof IncompatibleColumnException)) {
      cause = cause.getCause();
    }
    assertThat(cause).isInstanceOf(IncompatibleColumnException.class)
        .hasMessageContaining("column name of table products is missing")
        .hasMessageContaining("[products, orders]").hasMessageContaining("loses nothing");
    assertThat(deadLetters()).as("nothing set aside").isEqualTo(deadLettersBefore);
  }

  private List<String> changeEventsOf(String topic) {
    var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().bootstrapServers(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + topic);
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> values = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(String.valueOf(r.value())));
        return consumer.assignment().stream().allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp));
      });
      return values;
    }
  }

}
