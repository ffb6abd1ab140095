package dev.denorm.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.KafkaClients;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The connector's committed source position, read from the Connect worker's offsets topic
 * ({@code offset.storage.topic}) as the worker writes it: the worker writes a source offset there
 * only once every record before it was acknowledged by Kafka. Tailed by one consumer without a
 * group; a record's key is {@code ["<connector>", {<source partition>}]}, its value the offset (JSON,
 * Connect's internal converter), null when the offsets were reset.
 *
 * <p>Why not Connect's {@code GET /connectors/<name>/offsets}: each call makes the worker start an
 * offset store of its own and read the whole topic, which is too heavy to ask every 100 ms.
 */
final class ConnectOffsetsTopic implements AutoCloseable {

  static final String COMMIT = "lsn_commit";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CATCH_UP = Duration.ofSeconds(2);
  private final KafkaClients kafka;
  /** Made at the first read. */
  private KafkaConsumer<String, String> consumer;
  private final String topic;
  private final String connector;
  /** Per source partition (its JSON), the last committed offset's {@code lsn_commit}; empty without one. */
  private final Map<String, OptionalLong> byPartition = new HashMap<>();
  private List<TopicPartition> assigned = List.of();

  ConnectOffsetsTopic(KafkaClients kafka, String topic, String connector) {
    this.kafka = kafka;
    this.topic = topic;
    this.connector = connector;
  }

  String topic() {
    return topic;
  }

  /**
   * Reads what the worker wrote since the last call (up to the end offsets taken now), then the
   * lowest {@code lsn_commit} over the connector's source partitions: empty while it has none, or
   * one of its partitions has an offset without one (the initial snapshot, or the first streamed
   * transaction not yet committed).
   */
  OptionalLong committedLsn() throws IOException {
    if (consumer == null) {
      consumer = kafka.consumer("capture-offsets", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
          new StringDeserializer(), new StringDeserializer());
    }
    if (assigned.isEmpty()) {
      var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions == null || partitions.isEmpty()) {
        throw new IOException("no topic " + topic + " (the Connect worker's offset.storage.topic; set "
            + "denorm.stack.connect.offsets.topic)");
      }
      assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
    }
    var end = consumer.endOffsets(assigned, Duration.ofSeconds(5));
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (assigned.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(100))) {
        read(record.key(), record.value());
      }
    }
    return lowest();
  }

  /**
   * Whether the worker committed past {@code lsn} in what the consumer has fetched already: takes
   * those records without waiting for any request (no end offsets asked), so it can be asked every
   * tick. False before a read assigned the topic (one that found no topic is tried again at the
   * sampler's idle interval, not every tick).
   */
  boolean committedPast(long lsn) throws IOException {
    if (consumer == null || assigned.isEmpty()) {
      return false;
    }
    for (var record : consumer.poll(Duration.ZERO)) {
      read(record.key(), record.value());
    }
    var lowest = lowest();
    return lowest.isPresent() && lowest.getAsLong() > lsn;
  }

  /** Takes one record of the offsets topic: the connector's offsets are kept, other connectors' ignored. */
  void read(String key, String value) throws IOException {
    if (key == null) {
      return;
    }
    JsonNode parsed = JSON.readTree(key);
    if (!parsed.isArray() || parsed.size() != 2 || !connector.equals(parsed.get(0).asText())) {
      return;
    }
    String partition = parsed.get(1).toString();
    if (value == null) {
      byPartition.remove(partition); // the offsets were reset
      return;
    }
    var commit = JSON.readTree(value).path(COMMIT);
    byPartition.put(partition, commit.canConvertToLong() ? OptionalLong.of(commit.asLong()) : OptionalLong.empty());
  }

  OptionalLong lowest() {
    if (byPartition.isEmpty() || byPartition.values().stream().anyMatch(OptionalLong::isEmpty)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(byPartition.values().stream().mapToLong(OptionalLong::getAsLong).min().orElseThrow());
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close();
    }
  }
}
