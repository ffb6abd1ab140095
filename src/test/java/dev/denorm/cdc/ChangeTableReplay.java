package dev.denorm.cdc;

import java.nio.ByteBuffer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * For tests of what the real connector sends: reads a change topic as it is, and applies its
 * events with denorm's change tables (the production decoding and ChangeApplier, in a
 * TopologyTestDriver), giving the rows the table's store then holds.
 */
final class ChangeTableReplay {

  private ChangeTableReplay() {}

  /** Every event of the topic, once at least this many arrived and none came for a second. */
  static List<ConsumerRecord<byte[], byte[]>> awaitEvents(String bootstrapServers, String topic, int atLeast) {
    var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "replay-" + System.nanoTime());
    List<ConsumerRecord<byte[], byte[]>> events = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long[] quietSince = {System.nanoTime()};
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        var batch = consumer.poll(Duration.ofMillis(200));
        batch.forEach(events::add);
        if (!batch.isEmpty()) {
          quietSince[0] = System.nanoTime();
        }
        return events.size() >= atLeast && System.nanoTime() - quietSince[0] > 1_000_000_000L;
      });
    }
    return events;
  }

  /** The bytes a row's bytea field holds. */
  static byte[] bytes(ByteBuffer buffer) {
    var copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  /** JSON text in one canonical form (jsonb's output spacing is not the input's). */
  static String normalizedJson(String json) {
    try {
      return new ObjectMapper().readTree(json).toString();
    } catch (JsonProcessingException e) {
      return "unparsable " + json;
    }
  }

  /** The rows of the table after these events, by id; asserts that nothing was dead-lettered. */
  static <R extends SpecificRecord> Map<Long, R> apply(AppConfig config, ChangeTable<R> table,
      List<ConsumerRecord<byte[], byte[]>> events) {
    var builder = new StreamsBuilder();
    new ChangeTables(builder, config.topology()).updates(table);
    var serde = AvroSerde.of(table.rowClass());
    Map<Long, R> rows = new TreeMap<>();
    try (var driver = new TopologyTestDriver(builder.build(), config.streamsProperties())) {
      var input = driver.createInputTopic(config.topology().changeTopic(table.name()), new ByteArraySerializer(),
          new ByteArraySerializer());
      events.forEach(e -> input.pipeInput(e.key(), e.value()));
      var dead = driver.createOutputTopic(config.topology().deadLetterTopic(), new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      assertThat(dead.isEmpty()).as("nothing dead-lettered").isTrue();
      KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(table.storeName());
      try (var all = store.all()) {
        all.forEachRemaining(kv -> rows.put((Long) RowKey.fromBytes(kv.key.get()).values().get(0), serde.fromBytes(kv.value)));
      }
    }
    return rows;
  }
}
