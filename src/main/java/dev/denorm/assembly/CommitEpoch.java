package dev.denorm.assembly;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import dev.denorm.state.HollowStore;
import dev.denorm.state.UnloggedStoreBuilder;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A store that holds nothing: it counts the commits of its task. Kafka Streams calls
 * {@code StateStore#commit} after the task's output was flushed and its offsets committed, so an
 * emitted document is known to be in its document topic once the count moved past its emit.
 */
final class CommitEpoch extends HollowStore {

  private long epoch;

  private CommitEpoch(String name) {
    super(name);
  }

  long epoch() {
    return epoch;
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    epoch++;
  }

  static StoreBuilder<CommitEpoch> builder(String name) {
    return new UnloggedStoreBuilder<>(name, () -> new CommitEpoch(name));
  }
}
