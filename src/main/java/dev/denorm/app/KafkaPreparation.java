package dev.denorm.app;

import dev.denorm.assembly.AssemblyTopology;
import dev.denorm.capture.Topics;
import dev.denorm.config.AppConfig;
import dev.denorm.config.KafkaClients;
import dev.denorm.index.Indexes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What a start checks and creates in Kafka before Kafka Streams exists: the change topics' and
 * routing topics' partition counts, the repair, dead-letter and document topics, and the stored
 * schemas and index plans. Each step waits for Kafka ({@link StartupWait}) and stops the start
 * with a clear message when what it finds cannot work.
 */
final class KafkaPreparation {

  private KafkaPreparation() {}

  /** Runs every check and creation; returns index name -> the id of its document topic. */
  static Map<String, String> prepare(AppConfig config, Indexes indexes, KafkaClients kafka) throws IOException {
    checkChangeTopicPartitions(config, indexes, kafka);
    ensureDeadLetterTopics(config, kafka);
    ensureDocumentTopics(config, indexes, kafka);
    checkStoredShapes(config, indexes, kafka);
    return documentTopicIds(config, indexes, kafka);
  }

  /** Older schemas into the history; a stop here when stored data cannot follow a change. */
  private static void checkStoredShapes(AppConfig config, Indexes indexes, KafkaClients kafka) throws IOException {
    String applicationId = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    var schemas = new SchemaHistoryTopic(kafka, config.topology().schemaHistoryTopic());
    var plans = new IndexPlansTopic(kafka, applicationId);
    StartupWait.until("Kafka (" + schemas.name() + ", " + plans.name() + ")", kafka.bootstrapServers(), () -> {
      schemas.loadCheckAndRecord(indexes);
      plans.checkAndRecord(indexes, applicationId, indexes.changeTopics(config.topology()));
      return null;
    });
  }

  /**
   * The change topics' partition counts must suit routing and truncates; routing topics that exist
   * must have the routing count; the repair topics follow it.
   */
  private static void checkChangeTopicPartitions(AppConfig config, Indexes indexes, KafkaClients kafka)
      throws IOException {
    var topics = new TreeSet<>(indexes.changeTopics(config.topology()));
    String bootstrap = kafka.bootstrapServers();
    if (config.topology().createChangeTopics()) {
      // as connector/debezium-postgres.json has Connect create them; Connect takes an existing topic as it is
      StartupWait.until("Kafka (change topics)", bootstrap, () -> {
        Topics.ensure(kafka, topics, 1, true);
        return null;
      });
    }
    var counts = StartupWait.until("Kafka", bootstrap, () -> Topics.partitions(kafka, topics));
    RoutingPartitions.requireUniform(config.topology().partitions(), counts);
    TruncatePartitions.requireSingle(config.topology().applyTruncates(), counts);
    int routing = config.topology().partitions() > 0 ? config.topology().partitions()
        : counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    String applicationId = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    var routed = indexes.all().stream()
        .flatMap(index -> AssemblyTopology.routedTopics(applicationId, index).stream()).toList();
    var existing = StartupWait.until("Kafka (routing topics)", bootstrap, () -> Topics.partitions(kafka, routed));
    RoutingPartitions.requireExisting(config.topology().partitions(), routing, existing);
    StartupWait.until("Kafka (repair topics)", bootstrap, () -> {
      RepairTopics.ensure(kafka, applicationId, indexes.names(), routing);
      return null;
    });
  }

  /**
   * Creates the document topics that do not exist, as the embedded stack does (one partition, not
   * compacted): the sink reads them, and Kafka Streams stops at its first rebalance on a source
   * topic that is missing, so an app started on a new cluster before anything else would not run.
   * One that exists keeps its settings.
   */
  private static void ensureDocumentTopics(AppConfig config, Indexes indexes, KafkaClients kafka) throws IOException {
    var names = new TreeSet<>(indexes.names().stream().map(config.topology()::documentTopic).toList());
    StartupWait.until("Kafka (document topics)", kafka.bootstrapServers(), () -> {
      Topics.ensure(kafka, names, 1, false);
      return null;
    });
  }

  /**
   * Creates the dead-letter topics that do not exist, compacted: a letter is keyed by its source
   * position (DeadLetterKey), so the copies a replay writes collapse to one. One that exists keeps
   * its settings.
   */
  private static void ensureDeadLetterTopics(AppConfig config, KafkaClients kafka) throws IOException {
    var names = new TreeSet<>(List.of(config.topology().deadLetterTopic(), config.sink().deadLetterTopic()));
    StartupWait.until("Kafka (dead-letter topics)", kafka.bootstrapServers(), () -> {
      Topics.ensure(kafka, names, 1, true);
      return null;
    });
  }

  /** Index name -> the id of its document topic, for those that exist (the sink's version generations). */
  private static Map<String, String> documentTopicIds(AppConfig config, Indexes indexes, KafkaClients kafka)
      throws IOException {
    var byTopic = new HashMap<String, String>();
    for (String index : indexes.names()) {
      byTopic.put(config.topology().documentTopic(index), index);
    }
    var ids = StartupWait.until("Kafka", kafka.bootstrapServers(), () -> Topics.ids(kafka, byTopic.keySet()));
    var byIndex = new HashMap<String, String>();
    ids.forEach((topic, id) -> byIndex.put(byTopic.get(topic), id));
    return byIndex;
  }
}
