package dev.denorm.status;

import dev.denorm.index.Indexes;
import dev.denorm.config.AppConfig;
import dev.denorm.status.StatusReport.TopicLag;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which stage reads each topic of the group, and for which index: the tables' change topics
 * (change-tables, shared by the indexes that read the table), each index's routing topics
 * ({@code <application.id>-<index>-...-repartition}: assembly) and its document topic (sink).
 */
final class TopicStages {

  /** {@code index} null: shared by every index that reads the topic's table. */
  record Stage(String stage, String index) {}

  private final String applicationId;
  private final List<String> indexes;
  private final Map<String, List<String>> changeTopicReaders = new HashMap<>();
  private final Map<String, String> documentTopics = new HashMap<>();

  TopicStages(AppConfig config, String applicationId) {
    this.applicationId = applicationId;
    // longest first, so that an index named like another's prefix claims its own routing topics
    this.indexes = Indexes.of(config).names().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    Indexes.of(config).readers().forEach((table, readers) ->
        changeTopicReaders.put(config.topology().changeTopic(table), List.copyOf(readers)));
    Indexes.of(config).names().forEach(index -> documentTopics.put(config.topology().documentTopic(index), index));
  }

  /** The group's input topics among those that exist. */
  Set<String> topics(Set<String> existing) {
    var topics = new TreeSet<String>();
    for (String topic : existing) {
      if (changeTopicReaders.containsKey(topic) || documentTopics.containsKey(topic) || routingIndex(topic) != null) {
        topics.add(topic);
      }
    }
    return topics;
  }

  Stage of(String topic) {
    if (changeTopicReaders.containsKey(topic)) {
      return new Stage("change-tables", null);
    }
    if (documentTopics.containsKey(topic)) {
      return new Stage("sink", documentTopics.get(topic));
    }
    return new Stage("assembly", routingIndex(topic));
  }

  /** The partitions an index is read through: its tables' change topics, its routing and document topics. */
  List<TopicLag> ofIndex(String index, List<TopicLag> lag) {
    return lag.stream().filter(l -> index.equals(l.index())
        || (l.index() == null && changeTopicReaders.getOrDefault(l.topic(), List.of()).contains(index))).toList();
  }

  private String routingIndex(String topic) {
    if (!topic.startsWith(applicationId + "-") || !topic.endsWith("-repartition")) {
      return null;
    }
    String rest = topic.substring(applicationId.length() + 1);
    return indexes.stream().filter(i -> rest.startsWith(i + "-")).findFirst().orElse(null);
  }
}
