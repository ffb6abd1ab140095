package dev.denorm.sink;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import dev.denorm.state.HollowStore;
import dev.denorm.state.UnloggedStoreBuilder;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A state store that holds nothing itself: it is the sink's "before commit" hook. Kafka Streams
 * 4.4 calls {@link #flushCache()} on every {@link CachedStateStore} in {@code StreamTask.prepareCommit},
 * before the task's offsets are committed, whereas {@link StateStore#commit} runs only after the
 * offsets are committed. So the processor's flush (send everything buffered and wait for the
 * engine's acknowledgement) is bound here. {@code CachedStateStore} is an internal interface:
 * {@link #commit} checks that the hook ran and fails loudly if a Kafka upgrade stopped calling it.
 */
final class FlushBeforeCommitHook extends HollowStore implements CachedStateStore<Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(FlushBeforeCommitHook.class);

  /** What the bound processor does before a commit, and how much it still holds. */
  interface Flushable {
    void flushBeforeCommit();

    int unacknowledged();
  }

  private volatile Flushable bound;

  FlushBeforeCommitHook(String name) {
    super(name);
  }

  void bind(Flushable processor) {
    this.bound = processor;
  }

  void unbind() {
    this.bound = null;
  }

  @Override
  public void flushCache() {
    var processor = bound;
    if (processor != null) {
      processor.flushBeforeCommit();
    }
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    var processor = bound;
    if (processor != null && processor.unacknowledged() > 0) {
      log.error("Sink store {}: offsets were committed while {} actions were unacknowledged; Kafka Streams no "
          + "longer calls flushCache before commit, so at-least-once delivery to the search engine is at risk",
          name(), processor.unacknowledged());
      throw new IllegalStateException("sink store " + name() + " was not flushed before the offset commit");
    }
  }

  @Override
  public void flush() {
    commit(Map.of());
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public void clearCache() {}

  // Nothing to restore: what is not acknowledged is replayed from the uncommitted offsets.
  @Override
  public void close() {
    super.close();
    bound = null;
  }

  /** Builds the store, never logged (it holds no state to restore) and never cached. */
  static StoreBuilder<FlushBeforeCommitHook> builder(String name) {
    return new UnloggedStoreBuilder<>(name, () -> new FlushBeforeCommitHook(name));
  }
}
