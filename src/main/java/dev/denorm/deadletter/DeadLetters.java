package dev.denorm.deadletter;

import dev.denorm.config.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import dev.denorm.deadletter.DeadLetterHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters with their own producer, created on the first one from the application's
 * Kafka settings. Per-item rejections are only known when the engine answers, which can be inside
 * the pre-commit flush, where a processor cannot forward; {@link #flush} waits for the broker's
 * acknowledgement, so a dead letter is durable before the offset that produced it is committed.
 */
public final class DeadLetters implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final String topic;
  private final Map<String, Object> appConfigs;
  private final String clientId;
  private KafkaProducer<byte[], byte[]> producer;
  private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

  public DeadLetters(String topic, Map<String, Object> appConfigs, String clientId) {
    this.topic = topic;
    this.appConfigs = appConfigs;
    this.clientId = clientId;
  }

  public void send(DeadLetter letter) {
    // the reason stays in the letter's header: the engine's quotes the document's values
    log.warn("Dead letter {} to {}: index={} id={} error={} (from {}-{}@{}; the reason is in its header {})",
        letter.key(), topic, letter.index(), letter.id(), letter.errorType(), letter.topic(), letter.partition(),
        letter.offset(), DeadLetterHeaders.MESSAGE);
    var headers = new RecordHeaders();
    DeadLetterHeaders.addSource(headers, letter.topic(), letter.partition(),
        letter.offset(), letter.reason());
    DeadLetterHeaders.add(headers, DeadLetterHeaders.INDEX, letter.index());
    DeadLetterHeaders.add(headers, DeadLetterHeaders.ID, letter.id());
    DeadLetterHeaders.add(headers, DeadLetterHeaders.ERROR_TYPE, letter.errorType());
    // Keyed by source position: a replay's duplicate replaces it in the compacted topic. Never a null
    // value, which compaction would take for a tombstone (a deletion of the letter).
    byte[] key = letter.key().getBytes(StandardCharsets.UTF_8);
    byte[] value = letter.value() == null ? new byte[0] : letter.value();
    unacknowledged.add(producer().send(new ProducerRecord<>(topic, null, key, value, headers)));
  }

  /** Waits until the broker has every dead letter sent so far. */
  public void flush() throws InterruptedException {
    if (unacknowledged.isEmpty()) {
      return;
    }
    producer.flush();
    try {
      for (var future : unacknowledged) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new StreamsException("cannot write to the dead-letter topic " + topic, e.getCause());
    }
    unacknowledged.clear();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      var configs = KafkaClients.of(appConfigs).producerConfigs("dead-letters", Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId));
      producer = new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
