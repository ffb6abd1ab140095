package dev.denorm.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets seen at each refresh, for a while: a partition's committed offset at or past an
 * end seen at time t means everything written up to t is processed, so its oldest uncommitted
 * record has waited at most now - t. Lag in time, not records, so a busy partition that keeps up
 * is not behind, and the commit interval's saw-tooth stays below the bound.
 */
final class LagHistory {

  private record Sample(long at, Map<TopicPartition, Long> ends) {}

  private final long keepMs;
  private final Deque<Sample> samples = new ArrayDeque<>();

  LagHistory(long keepMs) {
    this.keepMs = keepMs;
  }

  void add(long at, Map<TopicPartition, Long> ends) {
    samples.addLast(new Sample(at, Map.copyOf(ends)));
    while (samples.size() > 1 && samples.peekFirst().at() < at - keepMs) {
      samples.removeFirst();
    }
  }

  /**
   * How long the oldest of the partition's uncommitted records has waited at most: 0 when none
   * waits; at least since the oldest sample kept when no sample's end is committed yet.
   */
  long behindMs(TopicPartition partition, long committed, long end, long now) {
    if (committed >= end || samples.isEmpty()) {
      return 0;
    }
    for (Iterator<Sample> newestFirst = samples.descendingIterator(); newestFirst.hasNext(); ) {
      var sample = newestFirst.next();
      Long seen = sample.ends().get(partition);
      if (seen != null && seen <= committed) {
        return now - sample.at();
      }
    }
    return now - samples.peekFirst().at();
  }
}
