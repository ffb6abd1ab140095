package dev.denorm.tools.bench;

import java.io.IOException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where a probe's latency went, from the record timestamps of the two topics it crosses (all
 * clocks are this machine's): the change topic's record is stamped by Connect's producer when
 * Debezium hands the change over, the document topic's by the app when it emits the document.
 * So commit -> change topic is capture, change topic -> document topic is the app's routing and
 * assembling, document topic -> indexed (a real-time get returns it) is the sink and the engine's
 * write, indexed -> searchable is the engine's refresh.
 */
final class StageTimes {

  /** Per probe, ms in each stage; a probe whose records were not found is left out. */
  record Stages(double[] capture, double[] assemble, double[] sink, double[] refresh) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String bootstrapServers;
  private final String changeTopic;
  private final String documentTopic;
  private Map<TopicPartition, Long> start;

  StageTimes(String bootstrapServers, String changeTopic, String documentTopic) {
    this.bootstrapServers = bootstrapServers;
    this.changeTopic = changeTopic;
    this.documentTopic = documentTopic;
  }

  /** Before the probes: where both topics end now. */
  void mark() {
    try (var consumer = consumer()) {
      start = consumer.endOffsets(partitions(consumer));
    }
  }

  /** After the probes: each probe's stages, from the first records of its id since its commit. */
  Stages of(List<FreshnessProbe.Seen> seen) {
    var changes = new HashMap<Long, List<Long>>();
    var documents = new HashMap<Long, List<Long>>();
    try (var consumer = consumer()) {
      var partitions = partitions(consumer);
      var end = consumer.endOffsets(partitions);
      consumer.assign(partitions);
      start.forEach(consumer::seek);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!caughtUp(consumer, end) && System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          Long id = r.topic().equals(documentTopic) ? documentId(r.key()) : changeId(r.key());
          if (id != null) {
            (r.topic().equals(documentTopic) ? documents : changes).computeIfAbsent(id, k -> new ArrayList<>())
                .add(r.timestamp());
          }
        }
      }
    }
    var capture = new ArrayList<Double>();
    var assemble = new ArrayList<Double>();
    var sink = new ArrayList<Double>();
    var refresh = new ArrayList<Double>();
    for (var probe : seen) {
      Long change = firstAtOrAfter(changes.get(probe.id()), probe.committedMs());
      Long document = change == null ? null : firstAtOrAfter(documents.get(probe.id()), change);
      if (document != null) {
        // seen by the search before any real-time get returned it: indexed and searchable at once
        long indexed = probe.indexedMs() == 0 ? probe.seenMs() : probe.indexedMs();
        capture.add((double) (change - probe.committedMs()));
        assemble.add((double) (document - change));
        sink.add((double) (indexed - document));
        refresh.add((double) (probe.seenMs() - indexed));
      }
    }
    return new Stages(array(capture), array(assemble), array(sink), array(refresh));
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Timestamps within a few ms of skew count: the commit is stamped after JDBC returns. */
  private static Long firstAtOrAfter(List<Long> timestamps, long from) {
    if (timestamps == null) {
      return null;
    }
    return timestamps.stream().filter(t -> t >= from - 20).min(Long::compare).orElse(null);
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    var partitions = new ArrayList<TopicPartition>();
    for (String topic : List.of(changeTopic, documentTopic)) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    return partitions;
  }

  private static Long documentId(byte[] key) {
    try {
      return key == null ? null : Long.parseLong(new String(key, StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A JSON change key ({@code {"schema":..,"payload":{"id":7}}} or {@code {"id":7}}); Avro keys are not read. */
  private static Long changeId(byte[] key) {
    if (key == null || key.length == 0 || key[0] != '{') {
      return null;
    }
    try {
      var node = JSON.readTree(key);
      var id = node.has("payload") ? node.path("payload").path("id") : node.path("id");
      if (id.canConvertToLong()) {
        return id.asLong();
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
