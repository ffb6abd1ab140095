package dev.denorm.sink;

import dev.denorm.state.HollowStore;
import dev.denorm.state.UnloggedStoreBuilder;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that holds nothing: it checks, after each offset commit of its task, that the sink
 * processor flushed everything it handled before that commit. Kafka Streams calls
 * {@link StateStore#commit} after the task's offsets were committed (4.4: {@code StreamTask.postCommit}),
 * so a processor that still has unflushed records there had them covered by committed offsets:
 * the flush before commit did not run, and the thread stops loudly instead of losing documents
 * quietly after a crash. It sits on the sink's own processor node, before the node of the tick
 * store, so Kafka Streams registers and commits it first: the tick store's commit flushes its
 * cache too, which would otherwise run the flush just before this check and hide a missed one.
 */
final class CommitCheck extends HollowStore {

  private static final Logger log = LoggerFactory.getLogger(CommitCheck.class);

  private volatile FlushBeforeCommitHook.Flushable bound;

  CommitCheck(String name) {
    super(name);
  }

  void bind(FlushBeforeCommitHook.Flushable processor) {
    this.bound = processor;
  }

  void unbind() {
    this.bound = null;
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    var processor = bound;
    if (processor != null && processor.unflushed() > 0) {
      log.error("Sink store {}: offsets were committed while {} records ({} actions unacknowledged) had not been "
          + "flushed to the search engine; Kafka Streams no longer flushed the record cache before the commit, so "
          + "at-least-once delivery is at risk", name(), processor.unflushed(), processor.unacknowledged());
      throw new IllegalStateException("sink store " + name() + " was not flushed before the offset commit");
    }
  }

  @Override
  public void close() {
    super.close();
    bound = null;
  }

  /** Builds the store, never logged (it holds no state to restore) and never cached. */
  static StoreBuilder<CommitCheck> builder(String name) {
    return new UnloggedStoreBuilder<>(name, () -> new CommitCheck(name));
  }
}
