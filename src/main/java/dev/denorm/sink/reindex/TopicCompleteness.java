package dev.denorm.sink.reindex;

import dev.denorm.config.KafkaClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A rebuild copies the document topic, so the topic must still hold every document: compacted
 * (the newest record of each document stays), or nothing deleted yet (every partition starts at 0).
 */
final class TopicCompleteness {

  private TopicCompleteness() {}

  static void require(KafkaClients kafka, String topic, Map<TopicPartition, Long> beginnings, String index) {
    var trimmed = beginnings.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
    if (trimmed.isEmpty()) {
      return;
    }
    String policy = cleanupPolicy(kafka, topic);
    if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      throw new IllegalStateException("index " + index + " must be rebuilt (its mapping, settings or topology version "
          + "changed), but its document topic " + topic + " has lost records to retention (cleanup.policy=" + policy
          + ", partitions " + trimmed + " no longer start at 0), so a copy of it would miss documents. Make the topic "
          + "compacted (cleanup.policy=compact) and refill it (reset the application), or start with the previous "
          + "mapping");
    }
  }

  private static String cleanupPolicy(KafkaClients kafka, String topic) {
    try (var admin = kafka.admin("reindex-topic-check")) {
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      var entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
      return entry == null ? TopicConfig.CLEANUP_POLICY_DELETE : entry.value();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the configuration of topic " + topic + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the configuration of topic " + topic, e);
    }
  }
}
