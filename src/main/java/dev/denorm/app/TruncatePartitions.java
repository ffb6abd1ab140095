package dev.denorm.app;

import dev.denorm.config.TopologySettings;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * A truncate event carries no key, so Debezium writes it to one partition of the change topic:
 * only with one partition is it ordered with every change of the table's rows, so that applying it
 * deletes exactly the rows that were there before it. Checked at start, before anything is read.
 */
final class TruncatePartitions {

  private TruncatePartitions() {}

  /** Fails naming the topics and the two ways out when truncates are applied to multi-partition topics. */
  static void requireSingle(boolean applyTruncates, Map<String, Integer> changeTopicPartitions) {
    var split = new TreeMap<String, Integer>();
    changeTopicPartitions.forEach((topic, count) -> {
      if (count > 1) {
        split.put(topic, count);
      }
    });
    if (!applyTruncates || split.isEmpty()) {
      return;
    }
    throw new ConfigException(TopologySettings.TRUNCATE_MODE, "apply", "change topics " + split + " have more than one"
        + " partition, so a TRUNCATE (one event, on one partition) would not be ordered with the row changes on the"
        + " others. Recreate them with one partition (the recommended connector config sets"
        + " topic.creation.default.partitions=1; denorm.partitions spreads the assembling work), or set "
        + TopologySettings.TRUNCATE_MODE + "=report to have truncates reported, not applied");
  }
}
