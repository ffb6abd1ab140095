package dev.denorm.app;

import dev.denorm.config.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A one-partition compacted topic of String keys and values, read whole at start: a small durable map. */
final class CompactedTopic {

  private final KafkaClients clients;
  private final String name;

  CompactedTopic(KafkaClients clients, String name) {
    this.clients = clients;
    this.name = name;
  }

  String name() {
    return name;
  }

  /** Creates the topic unless it exists (another instance creating it meanwhile is fine). */
  void ensure() throws ExecutionException, InterruptedException {
    try (var admin = clients.admin("compacted-topic")) {
      if (!admin.listTopics().names().get().contains(name)) {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) -1).configs(Map.of("cleanup.policy", "compact"))))
            .all().get();
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Every key's latest value, from the beginning to the end the topic has now. */
  Map<String, String> readAll() {
    var all = new LinkedHashMap<String, String>();
    try (var consumer = clients.consumer("compacted-topic", new StringDeserializer(), new StringDeserializer())) {
      KafkaClients.readToEnd(consumer, name, Duration.ofSeconds(10), r -> {
        if (r.value() == null) {
          all.remove(r.key());
        } else {
          all.put(r.key(), r.value());
        }
      });
    }
    return all;
  }

  /** Writes the entries and waits until the broker acknowledged them all. */
  void write(Map<String, String> entries) throws ExecutionException, InterruptedException {
    if (entries.isEmpty()) {
      return;
    }
    try (var producer = clients.producer("compacted-topic", Map.of(ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new StringSerializer())) {
      var sends = new ArrayList<Future<?>>();
      entries.forEach((key, value) -> sends.add(producer.send(new ProducerRecord<>(name, key, value))));
      for (var send : sends) {
        send.get();
      }
    }
  }
}
