package dev.denorm.sink;

import org.apache.kafka.common.metrics.MeasurableStat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The sink's counters, registered in Kafka Streams' metrics (so JMX shows them with the rest) in
 * group {@value #GROUP}, tagged by thread, task and index. Sensors are thread-safe: the bulk
 * writer's callbacks record from the HTTP client's threads.
 */
final class SinkMetrics implements AutoCloseable {

  static final String GROUP = "denorm-sink-metrics";

  private final StreamsMetrics metrics;
  private final Map<String, String> tags;
  private final String prefix;
  private final List<Sensor> sensors = new ArrayList<>();
  final Sensor received;
  final Sensor indexed;
  final Sensor deleted;
  final Sensor stale;
  final Sensor retried;
  final Sensor deadLettered;
  final Sensor bulkLatencyMs;
  final Sensor batchSize;
  final Sensor oldestUnacknowledgedMs;

  SinkMetrics(StreamsMetrics metrics, String threadId, String taskId, String index) {
    this.metrics = metrics;
    this.tags = new LinkedHashMap<>(Map.of("thread-id", threadId, "task-id", taskId, "index", index));
    this.prefix = "denorm-sink." + taskId + "." + index + ".";
    received = counter("documents-received", "document records read from the document topic");
    indexed = counter("documents-indexed", "documents written by index actions");
    deleted = counter("documents-deleted", "documents removed by delete actions");
    stale = counter("documents-stale", "actions the engine already held a newer version of (replays)");
    retried = counter("documents-retried", "actions sent again after a transient failure");
    deadLettered = counter("documents-dead-lettered", "documents sent to the dead-letter topic");
    bulkLatencyMs = sensor("bulk-latency");
    add(bulkLatencyMs, "bulk-latency-avg", "average _bulk round trip in ms", new Avg());
    add(bulkLatencyMs, "bulk-latency-max", "longest _bulk round trip in ms", new Max());
    batchSize = sensor("batch-size");
    add(batchSize, "batch-size-avg", "average actions per _bulk request", new Avg());
    add(batchSize, "batch-size-max", "most actions in one _bulk request", new Max());
    oldestUnacknowledgedMs = sensor("oldest-unacknowledged");
    add(oldestUnacknowledgedMs, "oldest-unacknowledged-ms", "how long the oldest action the engine has not "
        + "acknowledged has waited (0: none pending); growing without end = a stuck engine", new Value());
  }

  private Sensor counter(String name, String description) {
    var sensor = sensor(name);
    add(sensor, name + "-total", "total " + description, new CumulativeSum());
    add(sensor, name + "-rate", "per second, " + description, new Rate());
    return sensor;
  }

  private Sensor sensor(String name) {
    var sensor = metrics.addSensor(prefix + name, RecordingLevel.INFO);
    sensors.add(sensor);
    return sensor;
  }

  private void add(Sensor sensor, String name, String description, MeasurableStat stat) {
    sensor.add(new MetricName(name, GROUP, description, tags), stat);
  }

  @Override
  public void close() {
    sensors.forEach(metrics::removeSensor);
  }
}
