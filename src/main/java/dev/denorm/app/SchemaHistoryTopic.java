package dev.denorm.app;

import dev.denorm.config.KafkaClients;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import dev.denorm.serde.SchemaHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema history topic ({@code denorm.schema.history.topic}): every Avro schema documents and
 * rows were written with, keyed by fingerprint. Read at start into {@link SchemaHistory}, so state
 * stores, changelogs, routing and document topics written by an earlier version of a schema are
 * read by resolution against today's classes; then today's schemas are checked against it (a
 * field added without a default cannot read older bytes: the start stops, naming the record and
 * the field) and recorded. Content-addressed and never deleted by an application reset: document
 * topics outlive resets.
 */
final class SchemaHistoryTopic {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaHistoryTopic.class);
  private final CompactedTopic topic;

  SchemaHistoryTopic(KafkaClients clients, String topicName) {
    this.topic = new CompactedTopic(clients, topicName);
  }

  String name() {
    return topic.name();
  }

  /** @throws IllegalStateException when a current schema cannot read what an earlier one wrote */
  void loadCheckAndRecord(Indexes indexes) throws ExecutionException, InterruptedException {
    topic.ensure();
    var stored = topic.readAll();
    stored.values().forEach(json -> SchemaHistory.global().add(new Schema.Parser().parse(json)));
    var current = currentSchemas(indexes);
    var problems = SchemaHistory.global().unreadableBy(current);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("stored state and topics cannot be read after this schema change: "
          + String.join("; ", problems) + ". Give each added field a default (\"default\": ...), or rebuild"
          + " under a new application.id and new document topics (docs/operations.md, 'Schema changes')");
    }
    var recorded = new LinkedHashMap<String, String>();
    for (Schema schema : current) {
      String key = Long.toHexString(SchemaHistory.fingerprint(schema));
      if (!stored.containsKey(key)) {
        recorded.put(key, schema.toString());
      }
    }
    topic.write(recorded);
    if (!recorded.isEmpty()) {
      LOG.info("recorded {} new schemas in {}", recorded.size(), topic.name());
    }
  }

  static List<Schema> currentSchemas(Indexes indexes) {
    var schemas = new ArrayList<Schema>();
    for (DocumentIndex<?> index : indexes.all()) {
      schemas.add(index.documentSerde().schema());
      index.plan().tables().forEach(t -> schemas.add(t.rowSchema()));
    }
    return schemas;
  }
}
