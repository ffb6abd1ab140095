package dev.denorm.assembly;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import dev.denorm.state.UnloggedStoreBuilder;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A store that holds nothing: it counts the commits of its task. Kafka Streams calls
 * {@link StateStore#commit} after the task's output was flushed and its offsets committed, so an
 * emitted document is known to be in its document topic once the count moved past its emit.
 */
final class CommitEpoch implements StateStore {

  private final String name;
  private long epoch;
  private boolean open;

  private CommitEpoch(String name) {
    this.name = name;
  }

  long epoch() {
    return epoch;
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    epoch++;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    context.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void close() {
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  static StoreBuilder<CommitEpoch> builder(String name) {
    return new UnloggedStoreBuilder<>(name, () -> new CommitEpoch(name));
  }
}
