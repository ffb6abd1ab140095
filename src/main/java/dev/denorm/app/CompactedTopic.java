package dev.denorm.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A one-partition compacted topic of String keys and values, read whole at start: a small durable map. */
final class CompactedTopic {

  private final String bootstrapServers;
  private final String name;

  CompactedTopic(String bootstrapServers, String name) {
    this.bootstrapServers = bootstrapServers;
    this.name = name;
  }

  String name() {
    return name;
  }

  /** Creates the topic unless it exists (another instance creating it meanwhile is fine). */
  void ensure() throws ExecutionException, InterruptedException {
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
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
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringDeserializer(), new StringDeserializer())) {
      var partition = new TopicPartition(name, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value() == null) {
            all.remove(r.key());
          } else {
            all.put(r.key(), r.value());
          }
        });
      }
    }
    return all;
  }

  /** Writes the entries and waits until the broker acknowledged them all. */
  void write(Map<String, String> entries) throws ExecutionException, InterruptedException {
    if (entries.isEmpty()) {
      return;
    }
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
      var sends = new ArrayList<Future<?>>();
      entries.forEach((key, value) -> sends.add(producer.send(new ProducerRecord<>(name, key, value))));
      for (var send : sends) {
        send.get();
      }
    }
  }
}
