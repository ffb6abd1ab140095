package dev.denorm.app;

import dev.denorm.config.TopologySettings;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * With {@code denorm.partitions=0} each routing topic gets its change topic's partition count, and
 * an index's routing topics must all have the same count (a document's rows must meet in one
 * task): so the change topics must agree. Checked at start, before anything is created.
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
}
