package dev.denorm.status;

import dev.denorm.status.StatusReport.Restoring;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Which active stores restore from their changelogs now, and how far they got (Kafka Streams calls it). */
public final class RestoreProgress implements StateRestoreListener {

  private record Progress(long total, long restored) {}

  private final Map<String, Progress> restoring = new ConcurrentHashMap<>();

  private static String key(TopicPartition partition, String store) {
    return store + "/" + partition;
  }

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    restoring.put(key(partition, store), new Progress(Math.max(0, endingOffset - startingOffset), 0));
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    restoring.computeIfPresent(key(partition, store), (k, p) -> new Progress(p.total(), p.restored() + numRestored));
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    restoring.remove(key(partition, store));
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    restoring.remove(key(partition, store));
  }

  Restoring now() {
    var all = Map.copyOf(restoring);
    if (all.isEmpty()) {
      return Restoring.NONE;
    }
    return new Restoring(all.size(), all.values().stream().mapToLong(Progress::restored).sum(),
        all.values().stream().mapToLong(Progress::total).sum());
  }
}
