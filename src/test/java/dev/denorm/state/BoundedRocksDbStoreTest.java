package dev.denorm.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.AppConfig;
import dev.denorm.config.RocksDbSettings;
import dev.denorm.testkit.TempDirs;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real RocksDB 10 store opened by Kafka Streams with the production properties and the setter. */
class BoundedRocksDbStoreTest {

  private Path stateDir;
  private TopologyTestDriver driver;

  @BeforeEach
  void start() {
    stateDir = TempDirs.create("denorm-rocksdb-");
    var props = AppConfig.from(Map.of()).streamsProperties();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    var builder = new StreamsBuilder();
    builder.table("rows", Consumed.with(Serdes.String(), Serdes.String()),
        Materialized.as(Stores.persistentKeyValueStore("rows-store")));
    driver = new TopologyTestDriver(builder.build(), props);
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
    TempDirs.delete(stateDir);
  }

  @Test
  void shouldStoreRowsInRocksDbThroughTheSharedCache() {
    var input = driver.createInputTopic("rows", new StringSerializer(), new StringSerializer());
    String value = "x".repeat(200);
    for (int i = 0; i < 20_000; i++) {
      input.pipeInput("key-" + i, value + i);
    }

    var store = driver.<String, String>getKeyValueStore("rows-store");
    assertThat(store.persistent()).isTrue();
    assertThat(store.get("key-0")).isEqualTo(value + 0);
    assertThat(store.get("key-19999")).isEqualTo(value + 19_999);
    var shared = BoundedRocksDbMemory.shared(RocksDbSettings.defaults());
    // the memtables of the store are charged to the shared cache by the write buffer manager
    assertThat(shared.cache().getUsage()).isPositive().isLessThanOrEqualTo(RocksDbSettings.defaults().memoryBytes());
  }
}
