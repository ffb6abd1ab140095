package dev.denorm.state;

import dev.denorm.config.RocksDbSettings;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the off-heap memory of all RocksDB stores of the JVM, after Kafka's
 * "BoundedMemoryRocksDBConfig": every store uses the same LRU block cache and the same write
 * buffer manager, whose memtables are counted against that cache; index and filter blocks live
 * in the cache too (partitioned, only their top level pinned), so they cannot grow with the data
 * outside the bound.
 *
 * <p>Kafka Streams creates one instance per store, so the cache and the manager are per JVM:
 * created once, sized from the configs of the first store that opens, and never closed (they
 * live as long as the JVM). Another application in the same JVM with other sizes gets the first
 * sizes, with a warning.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  private static final Logger LOG = LoggerFactory.getLogger(BoundedRocksDbMemory.class);
  /** Share of the cache kept for index and filter blocks (the high-priority pool). */
  static final double INDEX_FILTER_RATIO = 0.1;
  /** Memtables per store: one being written, the others waiting to be flushed. */
  static final int MEMTABLES_PER_STORE = 3;
  private static final long MAX_MEMTABLE_BYTES = 16 * RocksDbSettings.MIB;

  private static Shared shared;

  /** The cache, the manager and the sizes they were made with. */
  record Shared(RocksDbSettings settings, Cache cache, WriteBufferManager writeBufferManager) {

    static Shared of(RocksDbSettings settings) {
      var cache = new LRUCache(settings.memoryBytes(), -1, settings.strictCapacityLimit(), INDEX_FILTER_RATIO);
      return new Shared(settings, cache, new WriteBufferManager(settings.writeBufferBytes(), cache));
    }
  }

  /** One memtable of a store: a quarter of the memtable share, at most Kafka Streams' default 16 MiB. */
  static long memtableBytes(RocksDbSettings settings) {
    return Math.min(MAX_MEMTABLE_BYTES, Math.max(RocksDbSettings.MIB, settings.writeBufferBytes() / 4));
  }

  static synchronized Shared shared(RocksDbSettings settings) {
    if (shared == null) {
      shared = Shared.of(settings);
      LOG.info("RocksDB memory of all state stores bounded to {} bytes ({} for memtables)", settings.memoryBytes(),
          settings.writeBufferBytes());
    } else if (!shared.settings().equals(settings)) {
      LOG.warn("RocksDB memory is already sized {} in this JVM; ignoring {}", shared.settings(), settings);
    }
    return shared;
  }

  /**
   * Bytes in the shared block cache now, memtables charged to it included; 0 before the first store
   * opened. Safe to read at any time: the cache lives as long as the JVM.
   */
  public static synchronized long usedBytes() {
    return shared == null ? 0 : shared.cache().getUsage();
  }

  /** Bytes of the shared cache pinned by readers and memtables (not evictable now); 0 before any store. */
  public static synchronized long pinnedBytes() {
    return shared == null ? 0 : shared.cache().getPinnedUsage();
  }

  /** The bound of all stores' memory; 0 before the first store opened. */
  public static synchronized long boundBytes() {
    return shared == null ? 0 : shared.settings().memoryBytes();
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    var memory = shared(RocksDbSettings.from(configs));
    var table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    // Partitioned index and filters: only the small top level stays pinned; the partitions
    // compete for the cache like data blocks, so they cannot outgrow the bound.
    table.setIndexType(IndexType.kTwoLevelIndexSearch);
    table.setPartitionFilters(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(memory.writeBufferManager());
    options.setWriteBufferSize(memtableBytes(memory.settings()));
    options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write buffer manager are shared by every store: never closed here.
  }
}
