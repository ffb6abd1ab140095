package dev.denorm.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.config.AppConfig;
import dev.denorm.config.RocksDbSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.rocksdb.IndexType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The config setter on bare RocksDB Options, the way Kafka Streams hands them over. */
class BoundedRocksDbMemoryTest {

  static {
    RocksDB.loadLibrary();
  }

  private static final long MIB = RocksDbSettings.MIB;

  @Test
  void shouldGiveEveryStoreTheSameCacheAndWriteBufferManager() {
    var configs = streamsConfigs(Map.of());
    try (var first = kafkaStreamsOptions(); var second = kafkaStreamsOptions()) {
      var setter = new BoundedRocksDbMemory();
      setter.setConfig("store-a", first, configs);
      new BoundedRocksDbMemory().setConfig("store-b", second, configs);

      var a = (BlockBasedTableConfigWithAccessibleCache) first.tableFormatConfig();
      var b = (BlockBasedTableConfigWithAccessibleCache) second.tableFormatConfig();
      var shared = BoundedRocksDbMemory.shared(RocksDbSettings.from(configs));
      assertThat(a.blockCache()).isSameAs(shared.cache()).isSameAs(b.blockCache());
      assertThat(first.writeBufferManager()).isSameAs(shared.writeBufferManager()).isSameAs(second.writeBufferManager());
      setter.close("store-a", first);
      assertThat(shared.cache().isOwningHandle()).as("close() must not free the shared cache").isTrue();
    }
  }

  @Test
  void shouldKeepIndexAndFilterBlocksInTheCacheWithOnlyTheTopLevelPinned() {
    try (var options = kafkaStreamsOptions()) {
      new BoundedRocksDbMemory().setConfig("store", options, streamsConfigs(Map.of()));

      var table = (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
      assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
      assertThat(table.indexType()).isEqualTo(IndexType.kTwoLevelIndexSearch);
      assertThat(table.partitionFilters()).isTrue();
      assertThat(options.maxWriteBufferNumber()).isEqualTo(BoundedRocksDbMemory.MEMTABLES_PER_STORE);
    }
  }

  @Test
  void shouldSizeTheCacheAndMemtablesFromConfig() {
    var settings = RocksDbSettings.from(streamsConfigs(Map.of(RocksDbSettings.MEMORY_BYTES, Long.toString(32 * MIB),
        RocksDbSettings.WRITE_BUFFER_RATIO, "0.25")));
    assertThat(settings.memoryBytes()).isEqualTo(32 * MIB);
    assertThat(settings.writeBufferBytes()).isEqualTo(8 * MIB);
    assertThat(BoundedRocksDbMemory.memtableBytes(settings)).isEqualTo(2 * MIB);
    // Kafka Streams' own default memtable (16 MiB) is the most one store gets
    var large = RocksDbSettings.from(Map.of(RocksDbSettings.MEMORY_BYTES, Long.toString(1024 * MIB)));
    assertThat(BoundedRocksDbMemory.memtableBytes(large)).isEqualTo(16 * MIB);
  }

  @Test
  void shouldApplyTheDefaultsOfTheConfigReference() {
    var defaults = RocksDbSettings.defaults();
    assertThat(defaults.memoryBytes()).isEqualTo(256 * MIB);
    assertThat(defaults.writeBufferRatio()).isEqualTo(0.8);
    assertThat(defaults.strictCapacityLimit()).isFalse();
    try (var options = kafkaStreamsOptions()) {
      new BoundedRocksDbMemory().setConfig("store", options, streamsConfigs(Map.of()));
      assertThat(options.writeBufferSize()).as("a quarter of the 204.8 MiB memtable share, capped at 16 MiB")
          .isEqualTo(16 * MIB);
    }
  }

  @Test
  void shouldFailNamingTheKeyWhenASizeIsBad() {
    assertThatThrownBy(() -> AppConfig.from(Map.of(RocksDbSettings.MEMORY_BYTES, "lots")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(RocksDbSettings.MEMORY_BYTES);
    assertThatThrownBy(() -> AppConfig.from(Map.of(RocksDbSettings.MEMORY_BYTES, "1024")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(RocksDbSettings.MEMORY_BYTES);
    assertThatThrownBy(() -> AppConfig.from(Map.of(RocksDbSettings.WRITE_BUFFER_RATIO, "1.5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(RocksDbSettings.WRITE_BUFFER_RATIO);
    // the setter checks too, for configs that did not come through AppConfig
    try (var options = kafkaStreamsOptions()) {
      assertThatThrownBy(() -> new BoundedRocksDbMemory().setConfig("store", options,
          Map.of(RocksDbSettings.WRITE_BUFFER_RATIO, "half")))
          .isInstanceOf(ConfigException.class).hasMessageContaining(RocksDbSettings.WRITE_BUFFER_RATIO);
    }
  }

  @Test
  void shouldBeTheDefaultConfigSetterAndReceiveTheValidatedSizes() {
    var streams = AppConfig.from(Map.of(RocksDbSettings.MEMORY_BYTES, Long.toString(128 * MIB))).streamsProperties();
    assertThat(streams)
        .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName())
        .containsEntry(RocksDbSettings.MEMORY_BYTES, Long.toString(128 * MIB))
        .containsEntry(RocksDbSettings.WRITE_BUFFER_RATIO, "0.8");
  }

  /** What Kafka Streams passes to the setter: the Streams configs built by AppConfig. */
  private static Map<String, Object> streamsConfigs(Map<String, String> denorm) {
    var configs = new HashMap<String, Object>();
    AppConfig.from(denorm).streamsProperties().forEach((k, v) -> configs.put((String) k, v));
    return configs;
  }

  /** Options as Kafka Streams' RocksDBStore prepares them before calling the setter. */
  private static Options kafkaStreamsOptions() {
    var options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
    return options;
  }
}
