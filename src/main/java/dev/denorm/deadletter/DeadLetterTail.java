package dev.denorm.deadletter;

import dev.denorm.config.KafkaClients;
import java.util.LinkedHashSet;
import dev.denorm.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topics from their start, without a group (assigned partitions, nothing
 * committed), and counts what it read: per index for the sink's letters (header
 * {@code denorm.index}), and the change events' apart, each with the newest letter's error type
 * and origin (see {@link DeadLetterCount}). It counts distinct keys, so a record dead-lettered again
 * after a replay counts once, and it keeps those keys (a few dozen bytes per letter).
 * Used only from the status refresh thread (a consumer is single-threaded).
 */
public final class DeadLetterTail implements AutoCloseable {

  private static final int MAX_POLLS = 20;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final Map<String, Letters> byIndex = new HashMap<>();
  private final Letters changes = new Letters();

  /**
   * The distinct keys read (a letter is keyed by its source position, {@link DeadLetterKey}: a
   * poison record dead-lettered again after a replay counts once), less those a tombstone removed,
   * plus the letters without a key; and the newest letter's reason.
   */
  private static final class Letters {
    final Set<String> keys = new HashSet<>();
    long keyless;
    String lastReason;

    DeadLetterCount count() {
      long count = keys.size() + keyless;
      return count == 0 && lastReason == null ? DeadLetterCount.NONE : new DeadLetterCount(count, lastReason);
    }
  }

  /** @param use names the consumer's client.id */
  public DeadLetterTail(KafkaClients kafka, String use, List<String> topics) {
    // the factory's consumer has no group, commits nothing and creates no topic
    this.consumer = kafka.consumer(use, Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = List.copyOf(new LinkedHashSet<>(topics));
  }

  /** Reads what was added since the last call (a bounded number of polls, the rest next time). */
  public void catchUp() {
    var partitions = new HashSet<TopicPartition>();
    for (String topic : topics) {
      consumer.partitionsFor(topic, Duration.ofSeconds(5)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    if (!partitions.equals(assigned)) {
      var added = new HashSet<>(partitions);
      added.removeAll(assigned);
      consumer.assign(partitions);
      consumer.seekToBeginning(added);
      assigned.clear();
      assigned.addAll(partitions);
    }
    if (assigned.isEmpty()) {
      return;
    }
    var ends = consumer.endOffsets(assigned, Duration.ofSeconds(5));
    for (int polls = 0; polls < MAX_POLLS && !caughtUp(ends); polls++) {
      consumer.poll(Duration.ofMillis(200)).forEach(this::count);
    }
  }

  private boolean caughtUp(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), Duration.ofSeconds(5)) >= e.getValue());
  }

  void count(ConsumerRecord<byte[], byte[]> letter) {
    String key = letter.key() == null ? null : new String(letter.key(), StandardCharsets.UTF_8);
    if (letter.value() == null) {
      // a tombstone: the letter with this key was dealt with (and compaction removes it)
      if (key != null) {
        changes.keys.remove(key);
        byIndex.values().forEach(letters -> letters.keys.remove(key));
      }
      return;
    }
    String index = header(letter, DeadLetterHeaders.INDEX);
    String reason = error(letter);
    var letters = index == null ? changes : byIndex.computeIfAbsent(index, i -> new Letters());
    if (key == null) {
      letters.keyless++;
    } else {
      letters.keys.add(key);
    }
    letters.lastReason = reason;
  }

  /** The letter's error type (the engine's, or the exception's simple name) and where it came from. */
  static String error(ConsumerRecord<byte[], byte[]> letter) {
    String type = header(letter, DeadLetterHeaders.ERROR_TYPE);
    if (type == null) {
      String exception = header(letter, DeadLetterHeaders.EXCEPTION);
      type = exception == null ? "dead letter" : exception.substring(exception.lastIndexOf('.') + 1);
    }
    String topic = header(letter, DeadLetterHeaders.TOPIC);
    return topic == null ? type : type + " at " + topic + "-" + header(letter, DeadLetterHeaders.PARTITION) + "@"
        + header(letter, DeadLetterHeaders.OFFSET);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    var header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  public DeadLetterCount ofIndex(String index) {
    var letters = byIndex.get(index);
    return letters == null ? DeadLetterCount.NONE : letters.count();
  }

  /** Change events that could not be decoded or applied (the topology's dead-letter topic). */
  public DeadLetterCount ofChanges() {
    return changes.count();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
