package dev.denorm.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The keys Kafka Streams and its clients define, as given to Kafka Streams (bare or with a client prefix). */
final class KafkaKeys {

  private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
      StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
      StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);
  private static final Set<String> NAMES = names();

  private KafkaKeys() {}

  static boolean defines(String key) {
    if (NAMES.contains(key)) {
      return true;
    }
    return CLIENT_PREFIXES.stream().anyMatch(prefix -> key.startsWith(prefix) && NAMES.contains(key.substring(prefix.length())));
  }

  private static Set<String> names() {
    var names = new HashSet<>(StreamsConfig.configDef().names());
    names.addAll(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    return Set.copyOf(names);
  }
}
