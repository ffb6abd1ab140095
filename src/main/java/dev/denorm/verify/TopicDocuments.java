package dev.denorm.verify;

import dev.denorm.position.Mark;
import com.fasterxml.jackson.databind.JsonNode;
import dev.denorm.config.KafkaClients;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a document topic from the beginning to its current end and keeps the last value per
 * key (a tombstone deletes): the documents the search engine should hold once the sink caught up.
 */
public final class TopicDocuments implements DocumentSource {

  private final KafkaClients kafka;
  private final TopologySettings settings;
  private final Indexes indexes;

  public TopicDocuments(KafkaClients kafka, TopologySettings settings, Indexes indexes) {
    this.kafka = kafka;
    this.settings = settings;
    this.indexes = indexes;
  }

  @Override
  public Map<String, JsonNode> documents(String index) {
    return read(settings.documentTopic(index), indexes.named(index));
  }

  private <D extends SpecificRecord> Map<String, JsonNode> read(String topic, DocumentIndex<D> index) {
    var docs = new TreeMap<String, JsonNode>();
    try (var consumer = kafka.consumer("verify-topics", Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(), new ByteArrayDeserializer());
        var deserializer = index.documentSerde().deserializer()) {
      KafkaClients.readToEnd(consumer, topic, Duration.ofSeconds(10), record -> {
        if (Mark.isDocumentKey(record.key())) {
          return; // a position mark, no document
        }
        if (record.value() == null) {
          docs.remove(record.key());
        } else {
          D doc = deserializer.deserialize(topic, record.value());
          docs.put(record.key(), AvroJson.toJson(doc, doc.getSchema()));
        }
      });
    }
    return docs;
  }

  @Override
  public String describe() {
    return "document topics on " + kafka.bootstrapServers();
  }

  @Override
  public void close() {}
}
