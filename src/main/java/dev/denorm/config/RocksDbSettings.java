package dev.denorm.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The off-heap memory of all RocksDB state stores of one JVM: one block cache of
 * {@code memoryBytes}, of which {@code writeBufferRatio} is reserved for memtables (see
 * {@code dev.denorm.state.BoundedRocksDbMemory}).
 */
public record RocksDbSettings(long memoryBytes, double writeBufferRatio, boolean strictCapacityLimit) {

  public static final String MEMORY_BYTES = "denorm.rocksdb.memory.bytes";
  public static final String WRITE_BUFFER_RATIO = "denorm.rocksdb.write.buffer.ratio";
  public static final String STRICT_CAPACITY_LIMIT = "denorm.rocksdb.strict.capacity.limit";
  public static final long MIB = 1024L * 1024;

  private static final ConfigDef DEFINITION = new ConfigDef();

  static {
    define(DEFINITION);
  }

  static void define(ConfigDef def) {
    def.define(MEMORY_BYTES, Type.LONG, 256 * MIB, Range.between(8 * MIB, 1024L * 1024 * MIB), Importance.HIGH,
            "Off-heap bytes for all RocksDB state stores of the JVM together: one block cache shared by every"
                + " store, with the memtables counted against it. Not part of -Xmx. Below what a backfill writes"
                + " between the stores' own flushes, RocksDB flushes tiny memtables of every store it writes"
                + " (docs/decisions/0003-bounded-rocksdb-memory.md: 64 MiB made a 4-partition backfill 3.4x slower).")
        .define(WRITE_BUFFER_RATIO, Type.DOUBLE, 0.8, Range.between(0.1, 0.9), Importance.MEDIUM,
            "Share of denorm.rocksdb.memory.bytes that memtables (write buffers) may use at most; blocks are"
                + " cached in the rest, and in whatever the memtables do not use at the time. When the share is"
                + " full, each store written next flushes its own memtable, however small (0.5 cost a scale-100"
                + " backfill on 4 partitions 217 s of RocksDB CPU against 116 s with 0.8: docs/decisions/0003).")
        .define(STRICT_CAPACITY_LIMIT, Type.BOOLEAN, false, Importance.LOW,
            "Refuse a block-cache insert past the capacity instead of overshooting it briefly. true makes the"
                + " bound hard, but a read that finds the cache full then fails and stops the stream thread.");
  }

  /** Parses the three keys from any config map (absent = default); throws naming the key when a value is bad. */
  public static RocksDbSettings from(Map<String, ?> configs) {
    var ours = new HashMap<String, Object>();
    for (String key : DEFINITION.names()) {
      if (configs.containsKey(key)) {
        ours.put(key, configs.get(key));
      }
    }
    return from(new AbstractConfig(DEFINITION, ours, false));
  }

  static RocksDbSettings from(AbstractConfig config) {
    return new RocksDbSettings(config.getLong(MEMORY_BYTES), config.getDouble(WRITE_BUFFER_RATIO),
        config.getBoolean(STRICT_CAPACITY_LIMIT));
  }

  public static RocksDbSettings defaults() {
    return from(Map.of());
  }

  /** The bytes memtables may use, counted against the cache. */
  public long writeBufferBytes() {
    return (long) (memoryBytes * writeBufferRatio);
  }

  /** The keys with their values, for the Kafka Streams configs that reach the config setter. */
  Map<String, String> asStreamsConfigs() {
    return Map.of(MEMORY_BYTES, Long.toString(memoryBytes), WRITE_BUFFER_RATIO, Double.toString(writeBufferRatio),
        STRICT_CAPACITY_LIMIT, Boolean.toString(strictCapacityLimit));
  }
}
