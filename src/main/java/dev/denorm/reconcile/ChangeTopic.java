package dev.denorm.reconcile;

import dev.denorm.config.KafkaClients;
import dev.denorm.config.Secrets;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** One table's change topic, as the delete pass reads and writes it. */
final class ChangeTopic {

  private static final Duration PROGRESS = Duration.ofSeconds(5);
  private final KafkaClients kafka;
  private final String topic;

  ChangeTopic(KafkaClients kafka, String topic) {
    this.kafka = kafka;
    this.topic = topic;
  }

  String name() {
    return topic;
  }

  /**
   * Reads the topic from its start to the end it has now (only keys and whether a value is there:
   * no value is decoded), printing progress every 5 s.
   */
  LiveKeys liveKeys(PrintStream out) {
    var keys = new LiveKeys();
    try (var consumer = kafka.consumer("resnapshot-delete-pass",
        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      long[] read = {0};
      var said = new Instant[] {Instant.now()};
      KafkaClients.readToEnd(consumer, topic, Duration.ofSeconds(30), record -> {
        keys.record(record.partition(), record.key(), record.value() == null);
        if (++read[0] % 10_000 == 0 && Duration.between(said[0], Instant.now()).compareTo(PROGRESS) >= 0) {
          said[0] = Instant.now();
          out.printf("Delete pass: %,d records of %s read, %,d rows held%n", read[0], topic, keys.size());
        }
      });
    }
    return keys;
  }

  /**
   * Writes a tombstone for each key, to the partition its records are in, and returns once the
   * brokers acknowledged every one (acks=all).
   *
   * @throws IllegalStateException naming the topic when a write fails (e.g. no Write right on it)
   */
  void delete(List<LiveKeys.Live> keys) {
    try (var producer = kafka.producer("resnapshot-delete-pass",
        Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      var sent = keys.stream()
          .map(k -> producer.send(new ProducerRecord<byte[], byte[]>(topic, k.partition(), k.key(), null))).toList();
      producer.flush();
      for (Future<RecordMetadata> ack : sent) {
        ack.get(60, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      var cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("could not write the delete pass's tombstones to " + topic + " ("
          + Secrets.summary(cause) + "); the principal needs the Write right on the change topic", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing tombstones to " + topic, e);
    }
  }
}
