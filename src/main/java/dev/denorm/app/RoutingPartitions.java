package dev.denorm.app;

import dev.denorm.config.TopologySettings;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * How many partitions each index's routing topics get, checked at start before Kafka Streams runs.
 * With {@code denorm.partitions=0} each routing topic gets its change topic's partition count, and
 * an index's routing topics must all have the same count (a document's rows must meet in one
 * task): so the change topics must agree. Routing topics that exist already must have the count
 * this start gives, since the rows in the stores were placed by the count the topics were made with.
 */
final class RoutingPartitions {

  private RoutingPartitions() {}

  /** Fails naming the topics and the key to set when the change topics' partition counts differ. */
  static void requireUniform(int configured, Map<String, Integer> changeTopicPartitions) {
    if (configured > 0 || changeTopicPartitions.values().stream().distinct().count() <= 1) {
      return;
    }
    throw new ConfigException(TopologySettings.PARTITIONS, 0, "the change topics have different partition counts "
        + new TreeMap<>(changeTopicPartitions) + ", so their routing topics would not line up; set "
        + TopologySettings.PARTITIONS + " to the number of partitions (tasks) each index should have");
  }

  /**
   * Fails naming {@code denorm.partitions} and the two ways on when a routing topic (or a changelog
   * of the assembling stores) exists with another count than {@code routing}, e.g. after an upgrade
   * from the default 0 (one partition with one-partition change topics). Kafka Streams itself
   * would stop each stream thread in its first rebalance with "Existing internal topic ... has
   * invalid partitions: expected: 6; actual: 1. Use 'org.apache.kafka.tools.StreamsResetter' tool
   * to clean up invalid topics before processing", naming one topic and neither the key nor the
   * state directories, which hold the rows by the old count too.
   *
   * @param existing the partition count of each of the index's routed topics that exists
   */
  static void requireExisting(int configured, int routing, Map<String, Integer> existing) {
    var others = new TreeMap<Integer, TreeSet<String>>();
    existing.forEach((topic, count) -> {
      if (count != routing) {
        others.computeIfAbsent(count, c -> new TreeSet<>()).add(topic);
      }
    });
    if (others.isEmpty()) {
      return;
    }
    String found = others.entrySet().stream()
        .map(e -> e.getValue().size() + (e.getValue().size() == 1 ? " topic" : " topics") + " of "
            + partitions(e.getKey()) + " (" + example(e.getValue()) + (e.getValue().size() > 1 ? ", ..." : "") + ")")
        .collect(Collectors.joining(", "));
    String gives = configured == 0 ? "0 means as many partitions as the change topics have, " + routing
        : "each index's documents are to be assembled in " + partitions(routing);
    // all that exist have the one other count: that count keeps the state as it is
    String keep = existing.values().stream().distinct().count() == 1
        ? " To keep the existing state, set " + TopologySettings.PARTITIONS + "=" + others.firstKey()
            + " (the earlier default, 0, gave one partition with one-partition change topics)."
        : "";
    throw new ConfigException(TopologySettings.PARTITIONS, configured, gives + ", but the application's routing"
        + " topics and assembling changelogs were created with another count: " + found + ". The stored rows"
        + " are placed by that count, so the application cannot start with this one." + keep + " To use "
        + partitions(routing) + ", stop every instance, reset the application and delete each instance's state.dir"
        + " (docs/operations.md, 'Resetting the application'), then start: the state and the documents are rebuilt"
        + " from the change topics.");
  }

  /** A routing topic if there is one: the name users know from the docs. */
  private static String example(TreeSet<String> topics) {
    return topics.stream().filter(topic -> topic.endsWith("-repartition")).findFirst().orElse(topics.first());
  }

  private static String partitions(int count) {
    return count + (count == 1 ? " partition" : " partitions");
  }
}
