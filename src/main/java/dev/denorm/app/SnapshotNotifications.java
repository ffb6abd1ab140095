package dev.denorm.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.KafkaClients;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows Debezium's notifications (the {@code sink} notification channel, a topic) for one
 * incremental snapshot: its notifications carry the id of the {@code execute-snapshot} signal.
 * Reads the topic from its start (notifications are few), so one written before the reader came is
 * not missed; a topic that does not exist yet is waited for (Connect creates it with the first one).
 */
final class SnapshotNotifications {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the snapshot ended: {@code COMPLETED} or {@code ABORTED}; empty when the deadline came first. */
  static Optional<String> awaitEnd(KafkaClients kafka, String topic, String id, Instant deadline, PrintStream out)
      throws InterruptedException {
    try (var consumer = kafka.consumer("resnapshot-notifications", new StringDeserializer(), new StringDeserializer())) {
      boolean said = false;
      while (Instant.now().isBefore(deadline)) {
        List<PartitionInfo> partitions;
        try {
          partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (TimeoutException e) {
          partitions = List.of(); // not there yet, or Kafka not reached: said once, then waited for
        }
        if (partitions == null || partitions.isEmpty()) {
          if (!said) {
            said = true;
            out.println("Waiting for Debezium's notifications in " + topic + " on " + kafka.bootstrapServers());
          }
          Thread.sleep(500); // the poll interval of a bounded wait for the topic
          continue;
        }
        var assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        while (Instant.now().isBefore(deadline)) {
          for (var record : consumer.poll(Duration.ofMillis(500))) {
            var ended = ending(record.value(), id, out);
            if (ended.isPresent()) {
              return ended;
            }
          }
        }
      }
      return Optional.empty();
    }
  }

  /** The end a notification tells of, for the snapshot {@code id}; prints each table's scan as it completes. */
  static Optional<String> ending(String value, String id, PrintStream out) {
    JsonNode notification;
    try {
      notification = value == null ? null : JSON.readTree(value);
    } catch (IOException e) {
      return Optional.empty(); // not a notification of this snapshot
    }
    if (notification == null) {
      return Optional.empty();
    }
    if (notification.has("payload")) {
      notification = notification.get("payload"); // the JSON converter with schemas
    }
    if (!id.equals(notification.path("id").asText()) || !"Incremental Snapshot".equals(
        notification.path("aggregate_type").asText())) {
      return Optional.empty();
    }
    String type = notification.path("type").asText();
    var data = notification.path("additional_data");
    if ("TABLE_SCAN_COMPLETED".equals(type)) {
      out.println("Read " + data.path("scanned_collection").asText(data.path("data_collection").asText("a table"))
          + " again: " + data.path("total_rows_scanned").asText("?")
          + " rows (" + data.path("status").asText("?") + ")");
    }
    return "COMPLETED".equals(type) || "ABORTED".equals(type) ? Optional.of(type) : Optional.empty();
  }
}
