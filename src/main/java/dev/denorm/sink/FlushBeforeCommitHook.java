package dev.denorm.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's "flush before commit" hook, on Kafka Streams' public API only (decision 0100). Kafka
 * Streams flushes every record cache of a task before it commits the task's offsets: a cached
 * aggregation's output would be lost after a crash otherwise. So each sink processor keeps one
 * entry, its tick, dirty in a cached store ({@link CommitTick}) while it holds work since its last
 * flush; the cache flush writes the tick into the store underneath, which calls {@link #flush}
 * here, and the processor sends what it buffered and waits for the engine. One hook per index,
 * shared by that index's tasks; a tick's key names the processor, so the store underneath needs
 * no link to the processor but this.
 */
final class FlushBeforeCommitHook {

  /** What a sink processor does before its task commits, and how much it holds. */
  interface Flushable {

    /** Sends everything buffered and waits until the engine (and the dead-letter topic) acknowledged it. */
    void flushBeforeCommit();

    /** Records handled since the last {@link #flushBeforeCommit}. */
    long unflushed();

    /** Actions not yet acknowledged by the engine. */
    int unacknowledged();
  }

  private final String index;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Flushable> processors = new ConcurrentHashMap<>();

  FlushBeforeCommitHook(String index) {
    this.index = index;
  }

  /** Binds a processor and returns the key of its tick: unique to this processor instance. */
  String bind(Flushable processor) {
    String tick = index + "-" + sequence.incrementAndGet();
    processors.put(tick, processor);
    return tick;
  }

  void unbind(String tick) {
    processors.remove(tick);
  }

  /** The tick {@code tick} left the record cache: a commit is coming (or the cache evicted it). */
  void flush(String tick) {
    var processor = processors.get(tick);
    if (processor != null) {
      processor.flushBeforeCommit();
    }
  }
}
