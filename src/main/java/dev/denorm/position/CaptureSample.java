package dev.denorm.position;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What the capture stage has surely delivered, read in this order: the connector's committed
 * source position {@code lsn} (every record of every transaction committed at or before it is
 * acknowledged by Kafka), then the change topics' end offsets {@code ends} (so below them lies every
 * such record), and the application's committed offsets {@code committed} on them (below which it
 * has applied every record, in this or an earlier run).
 */
public record CaptureSample(long lsn, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {

  public CaptureSample {
    ends = Map.copyOf(ends);
    committed = Map.copyOf(committed);
  }

  /** How many partitions the sample saw of {@code topic}. */
  public int partitions(String topic) {
    return (int) ends.keySet().stream().filter(tp -> tp.topic().equals(topic)).count();
  }

  /**
   * Whether an applier of {@code partition} that has applied up to {@code applied} (offset, -1 for
   * none in this run) has everything of this sample behind it.
   */
  public boolean reachedBy(TopicPartition partition, long applied) {
    Long end = ends.get(partition);
    if (end == null) {
      return false;
    }
    Long done = committed.get(partition);
    return applied >= end - 1 || done != null && done >= end;
  }
}
