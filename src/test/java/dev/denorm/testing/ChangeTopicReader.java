package dev.denorm.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a change topic from the beginning: the JSON values Debezium wrote (null for tombstones). */
public final class ChangeTopicReader implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaConsumer<String, String> consumer;
  private final List<JsonNode> values = new ArrayList<>();

  public ChangeTopicReader(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Polls once more and returns everything read so far. */
  public List<JsonNode> poll() {
    for (var record : consumer.poll(Duration.ofMillis(200))) {
      try {
        values.add(record.value() == null ? null : JSON.readTree(record.value()));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return values;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
