package dev.denorm.status;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The sink's counters of this instance's tasks, per index, from Kafka Streams' metrics (group
 * {@code denorm-sink-metrics}, where the sink registers them): writes per second (Kafka's rate,
 * over its sample window of about 30 s), retries since the tasks started, and the longest wait
 * for the engine's acknowledgement.
 */
record SinkCounters(double writesPerSecond, long retries, long oldestUnacknowledgedMs) {

  static final SinkCounters NONE = new SinkCounters(0, 0, 0);
  private static final String GROUP = "denorm-sink-metrics";

  static Map<String, SinkCounters> byIndex(Map<MetricName, ? extends Metric> metrics) {
    var byIndex = new HashMap<String, SinkCounters>();
    metrics.forEach((name, metric) -> {
      String index = name.tags().get("index");
      if (!GROUP.equals(name.group()) || index == null || !(metric.metricValue() instanceof Number number)) {
        return;
      }
      double value = number.doubleValue();
      if (Double.isNaN(value)) {
        return;
      }
      var c = byIndex.getOrDefault(index, NONE);
      byIndex.put(index, switch (name.name()) {
        case "documents-indexed-rate", "documents-deleted-rate" ->
            new SinkCounters(c.writesPerSecond() + value, c.retries(), c.oldestUnacknowledgedMs());
        case "documents-retried-total" -> new SinkCounters(c.writesPerSecond(), c.retries() + (long) value,
            c.oldestUnacknowledgedMs());
        case "oldest-unacknowledged-ms" -> new SinkCounters(c.writesPerSecond(), c.retries(),
            Math.max(c.oldestUnacknowledgedMs(), (long) value));
        default -> c;
      });
    });
    return byIndex;
  }
}
