package dev.denorm.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.AppConfig;
import dev.denorm.config.KafkaClients;
import dev.denorm.index.Indexes;
import dev.denorm.position.CaptureSample;
import dev.denorm.position.Lsn;
import dev.denorm.position.Positions;
import dev.denorm.testing.Sql;
import dev.denorm.tools.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture position sampled from the real Connect worker and Debezium connector on the embedded
 * stack (no application runs, so no group offsets are committed): a sampled LSN past a commit has
 * that transaction's records below the sampled ends, and a nudge alone moves the connector's
 * committed position past an idle database's WAL position.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapturePositionIT {

  private static final Logger LOG = LoggerFactory.getLogger(CapturePositionIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOUND = Duration.ofSeconds(30);
  private AppConfig config;
  private Stack stack;
  private KafkaClients kafka;
  private String productsTopic;
  private final Positions positions = Positions.sampled();
  private CapturePosition capture;

  @BeforeAll
  void startStackAndSampler() throws Exception {
    config = AppConfig.from(Map.of());
    stack = Stack.start(config, endpoints -> {
      try (var c = endpoints.connect()) {
        Sql.exec(c, "INSERT INTO shop.products (id, sku, name, price) VALUES (1, 'sku-1', 'first', 1.00)");
      }
    });
    var endpoints = stack.endpoints();
    kafka = KafkaClients.of(config).withBootstrapServers(endpoints.bootstrapServers());
    var changeTopics = Indexes.of(config).changeTopics(config.topology());
    productsTopic = config.topology().changeTopic("products");
    // the initial snapshot's offset: an lsn, but no lsn_commit, so no sample
    var snapshot = await().atMost(Duration.ofSeconds(60)).until(this::offsets, o -> o.path("offsets").size() > 0);
    LOG.info("the connector's offsets after its initial snapshot: {}", snapshot);
    assertThat(snapshot.path("offsets").get(0).path("offset").has("lsn")).as(snapshot.toString()).isTrue();
    assertThat(snapshot.path("offsets").get(0).path("offset").has("lsn_commit")).as(snapshot.toString()).isFalse();
    capture = CapturePosition.start(kafka, config.stack().connectOffsetsTopic(), config.stack().connectorName(),
        config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG), changeTopics, endpoints::connect,
        positions);
  }

  @AfterAll
  void stop() {
    if (capture != null) {
      capture.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldSampleAnLsnPastAnUpdatesCommitWithTheUpdatesRecordBelowTheSampledEnd() throws Exception {
    long written;
    try (var c = stack.endpoints().connect()) {
      Sql.exec(c, "UPDATE shop.products SET name = 'sampled' WHERE id = 1");
      written = insertLsn(c);
    }
    var sample = await().atMost(BOUND).until(() -> {
      var last = positions.capture();
      if (last == null || last.lsn() < written) {
        capture.nudge();
      }
      return last;
    }, last -> last != null && last.lsn() >= written);

    var partition = new TopicPartition(productsTopic, 0);
    assertThat(sample.ends()).containsKey(partition);
    assertThat(sample.committed()).as("no application ran").isEmpty();
    assertThat(values(partition, sample.ends().get(partition)))
        .anySatisfy(value -> {
          assertThat(value.path("op").asText()).isEqualTo("u");
          assertThat(value.path("after").path("name").asText()).isEqualTo("sampled");
        });
    LOG.info("the connector's offsets once it passed {}: {}", Lsn.format(written), offsets());
  }

  /**
   * A wait answered on another instance: nobody waits on this one, and its idle sampling is an hour
   * here, so only the connector's commit showing in the offsets topic can bring the sample.
   */
  @Test
  void shouldSampleAtOnceWhenTheConnectorCommitsPastTheLastSampleWithNobodyWaitingHere() throws Exception {
    var quiet = Positions.sampled();
    try (var sampler = CapturePosition.start(kafka, config.stack().connectOffsetsTopic(), config.stack().connectorName(),
        config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
        Indexes.of(config).changeTopics(config.topology()), stack.endpoints()::connect, quiet, Duration.ofHours(1))) {
      var first = await().atMost(BOUND).until(quiet::capture, last -> last != null);
      long written;
      try (var c = stack.endpoints().connect()) {
        Sql.exec(c, "UPDATE shop.products SET name = 'sampled unasked' WHERE id = 1");
        written = insertLsn(c);
      }
      assertThat(first.lsn()).isLessThan(written);
      var sample = await().atMost(BOUND).until(() -> {
        capture.nudge(); // the other sampler's nudge: PostgreSQL writes a commit point, the worker commits past it
        return quiet.capture();
      }, last -> last.lsn() >= written);
      assertThat(sample.ends()).containsKey(new TopicPartition(productsTopic, 0));
    }
  }

  @Test
  void shouldPassAnIdleDatabasesWalPositionByANudgeAlone() throws Exception {
    long idle;
    try (var c = stack.endpoints().connect()) {
      idle = insertLsn(c);
    }
    var before = endsOfChangeTopics();
    int nudges = capture.nudges();
    capture.nudge();
    var sample = await().atMost(BOUND).until(positions::capture, last -> last != null && last.lsn() >= idle);

    assertThat(capture.nudges()).as("one message asked for, one written").isEqualTo(nudges + 1);
    assertThat(sample.ends()).as("no captured table changed").isEqualTo(before);
    String messages = config.topology().sourceTopicPrefix() + ".message";
    try (var admin = kafka.admin("test")) {
      assertThat(Topics.ends(admin, List.of(messages)).get(new TopicPartition(messages, 0)))
          .as("Debezium wrote the logical message to %s", messages).isPositive();
      var topic = new ConfigResource(ConfigResource.Type.TOPIC, messages);
      assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value())
          .as("created by Connect with the connector's topic.creation.default.* (keyed by the message's prefix)")
          .isEqualTo("compact");
    }
    var offset = offsets().path("offsets").get(0);
    assertThat(offset.path("partition").path("server").asText()).isEqualTo(config.topology().sourceTopicPrefix());
    assertThat(offset.path("offset").path("lsn_commit").asLong()).isGreaterThanOrEqualTo(idle);
  }

  private Map<TopicPartition, Long> endsOfChangeTopics() throws Exception {
    try (var admin = kafka.admin("test")) {
      return Topics.ends(admin, Indexes.of(config).changeTopics(config.topology()));
    }
  }

  private static long insertLsn(Connection c) throws Exception {
    try (var statement = c.createStatement(); var rows = statement.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
      rows.next();
      return Lsn.parse(rows.getString(1));
    }
  }

  /** The values of a partition's records below {@code end}. */
  private List<JsonNode> values(TopicPartition partition, long end) throws Exception {
    var values = new ArrayList<JsonNode>();
    try (var consumer = kafka.consumer("test", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await().atMost(BOUND).until(() -> {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < end && record.value() != null) {
            values.add(JSON.readTree(record.value()));
          }
        }
        return consumer.position(partition) >= end;
      });
    }
    return values;
  }

  private JsonNode offsets() throws Exception {
    String url = stack.endpoints().connectUrl() + "/connectors/" + config.stack().connectorName() + "/offsets";
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
