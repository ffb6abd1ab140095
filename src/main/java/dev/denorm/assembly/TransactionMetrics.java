package dev.denorm.assembly;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * An assembling task's counts of transaction alignment ({@link TransactionHold}), in Kafka Streams'
 * metrics group {@value #GROUP} (Prometheus: {@code kafka_denorm_assembly_*}), tagged by thread, task
 * and index: documents that waited for the rest of a transaction, and documents written before it
 * was known applied.
 */
final class TransactionMetrics implements AutoCloseable {

  static final String GROUP = "denorm-assembly-metrics";

  private final StreamsMetrics metrics;
  private final Sensor waited;
  private final Sensor unaligned;
  private long waitedSeen;
  private long unalignedSeen;

  TransactionMetrics(StreamsMetrics metrics, String threadId, String taskId, String index) {
    this.metrics = metrics;
    var tags = Map.of("thread-id", threadId, "task-id", taskId, "index", index);
    String prefix = "denorm-assembly." + taskId + "." + index + ".";
    waited = metrics.addSensor(prefix + "documents-held", RecordingLevel.INFO);
    waited.add(new MetricName("documents-held-total", GROUP,
        "documents that waited for the rest of a source transaction before being written", tags), new CumulativeSum());
    unaligned = metrics.addSensor(prefix + "documents-unaligned", RecordingLevel.INFO);
    unaligned.add(new MetricName("documents-unaligned-total", GROUP, "documents written before every change of their"
        + " transactions was known applied (waited denorm.transactions.hold.max.ms, or too many waiting)", tags),
        new CumulativeSum());
  }

  /** Records what the hold counted since the last call. */
  void update(TransactionHold hold) {
    if (hold.waited() > waitedSeen) { // nothing to record on most emits: a sensor's record takes its lock
      waited.record(hold.waited() - waitedSeen);
    }
    if (hold.unaligned() > unalignedSeen) {
      unaligned.record(hold.unaligned() - unalignedSeen);
    }
    waitedSeen = hold.waited();
    unalignedSeen = hold.unaligned();
  }

  @Override
  public void close() {
    metrics.removeSensor(waited);
    metrics.removeSensor(unaligned);
  }
}
