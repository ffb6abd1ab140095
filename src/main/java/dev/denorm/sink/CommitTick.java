package dev.denorm.sink;

import dev.denorm.state.HollowStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Puts the sink processor's ticks (key: the processor's tick, value: the offset of the record
 * that made it) into a cached, unlogged key-value store. The store under the cache keeps nothing:
 * a tick written to it means Kafka Streams flushed the cache, before a commit of the task's offsets
 * (or evicted it, the cache being full), and it runs the {@link FlushBeforeCommitHook}.
 */
final class CommitTick implements Processor<String, Long, Void, Void> {

  /** The deprecated name of {@link StreamsConfig#STATESTORE_CACHE_MAX_BYTES_CONFIG}, still read by Kafka Streams 4.4. */
  private static final String DEPRECATED_CACHE_MAX_BYTES = "cache.max.bytes.buffering";

  private final String storeName;
  private KeyValueStore<String, Long> ticks;

  CommitTick(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    requireRecordCache(context.appConfigsWithPrefix(""));
    ticks = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Long> tick) {
    ticks.put(tick.key(), tick.value());
  }

  /**
   * Without a record cache every tick would leave it at once: the sink would wait for an engine
   * round trip after every record. Still correct, but a sink that cannot batch, so refuse to start.
   * Reads the settings the user gave ({@code originals}) as Kafka Streams does: the new key, else the old one.
   */
  static void requireRecordCache(Map<String, Object> originals) {
    String key = originals.containsKey(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)
        ? StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG : DEPRECATED_CACHE_MAX_BYTES;
    Object value = originals.get(key);
    if (value != null && Long.parseLong(value.toString().trim()) <= 0) {
      throw new ConfigException(key, value, "the search-engine sink needs Kafka Streams' record cache: it flushes "
          + "to the engine when Kafka Streams flushes the cache before a commit, and with no cache it would wait for "
          + "the engine after every record. Leave denorm's default (16 MiB) or set a few MiB");
    }
  }

  /** The cached store of the ticks: never logged (a tick is worth nothing after a restart). */
  static StoreBuilder<KeyValueStore<String, Long>> storeBuilder(String name, FlushBeforeCommitHook hook) {
    return Stores.keyValueStoreBuilder(new TickStoreSupplier(name, hook), Serdes.String(), Serdes.Long())
        .withCachingEnabled()
        .withLoggingDisabled();
  }

  private record TickStoreSupplier(String name, FlushBeforeCommitHook hook) implements KeyValueBytesStoreSupplier {

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
      return new UnderTheCache(name, hook);
    }

    @Override
    public String metricsScope() {
      return "in-memory";
    }
  }

  /** Under the record cache: keeps nothing; each tick the cache writes out runs the hook. */
  static final class UnderTheCache extends HollowStore implements KeyValueStore<Bytes, byte[]> {

    private final FlushBeforeCommitHook hook;

    UnderTheCache(String name, FlushBeforeCommitHook hook) {
      super(name);
      this.hook = hook;
    }

    @Override
    public void put(Bytes key, byte[] value) {
      hook.flush(new String(key.get(), StandardCharsets.UTF_8));
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
      put(key, value);
      return null;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
      entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public byte[] delete(Bytes key) {
      return null;
    }

    @Override
    public byte[] get(Bytes key) {
      return null;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
      return new Empty();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
      return new Empty();
    }

    @Override
    public long approximateNumEntries() {
      return 0;
    }
  }

  private static final class Empty implements KeyValueIterator<Bytes, byte[]> {

    @Override
    public boolean hasNext() {
      return false;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
      throw new NoSuchElementException();
    }

    @Override
    public Bytes peekNextKey() {
      throw new NoSuchElementException();
    }

    @Override
    public void close() {}
  }
}
