package dev.denorm.state;

import dev.denorm.config.AppConfig;
import dev.denorm.config.RocksDbSettings;
import dev.denorm.testkit.TempDirs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * RSS of a JVM whose Kafka Streams RocksDB stores grow, with Kafka Streams' own RocksDB settings
 * (a 50 MiB block cache and up to 3 x 16 MiB memtables per store, index and filter blocks outside
 * any cache) and with {@link BoundedRocksDbMemory}. Each mode runs in its own JVM (the shared cache
 * is per JVM): it opens {@code stores} persistent stores through a TopologyTestDriver, writes
 * {@code keys} random 200-byte values into each, then reads random keys back, printing VmRSS as it
 * goes. Modes: kafka-defaults, bounded, bounded-strict ({@code denorm.rocksdb.strict.capacity.limit=true}). Run: {@code mvn -q -B test-compile exec:exec@rocksdb-memory}, sizes by
 * {@code -Drocksdb.memory.stores=8 -Drocksdb.memory.keys=1000000}.
 */
public final class RocksDbMemoryExperiment {

  private static final int VALUE_BYTES = 200;
  private static final int BATCH = 10_000;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      return;
    }
    int stores = Integer.getInteger("rocksdb.memory.stores", 8);
    int keys = Integer.getInteger("rocksdb.memory.keys", 1_000_000);
    System.out.printf("%d stores x %d keys x %d-byte values (%.1f GB of values); child JVMs -Xmx256m; "
        + "load average %.2f%n", stores, keys, VALUE_BYTES, (double) stores * keys * VALUE_BYTES / 1e9, load());
    for (String mode : System.getProperty("rocksdb.memory.modes", "kafka-defaults,bounded,bounded-strict").split(",")) {
      var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          RocksDbMemoryExperiment.class.getName(), "child", mode, Integer.toString(stores), Integer.toString(keys)));
      int rc = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IllegalStateException(mode + " exited with " + rc);
      }
    }
    System.out.printf("load average after: %.2f%n", load());
  }

  private static void child(String mode, int stores, int keys) throws IOException {
    var stateDir = TempDirs.create("denorm-rocksdb-memory-");
    var props = AppConfig.from(mode.equals("bounded-strict") ? Map.of(RocksDbSettings.STRICT_CAPACITY_LIMIT, "true")
        : Map.of()).streamsProperties();
    var settings = RocksDbSettings.from(Map.of(RocksDbSettings.STRICT_CAPACITY_LIMIT,
        props.getProperty(RocksDbSettings.STRICT_CAPACITY_LIMIT)));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    if (mode.equals("kafka-defaults")) {
      props.remove(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
    }
    long start = System.nanoTime();
    try (var driver = new TopologyTestDriver(topology(stores), props)) {
      report(mode, settings, "opened", start, stateDir);
      var random = new SplittableRandom(42);
      var value = new byte[VALUE_BYTES];
      for (int s = 0; s < stores; s++) {
        KeyValueStore<byte[], byte[]> store = driver.getKeyValueStore("store-" + s);
        for (int from = 0; from < keys; from += BATCH) {
          var batch = new ArrayList<KeyValue<byte[], byte[]>>(BATCH);
          for (int k = from; k < Math.min(keys, from + BATCH); k++) {
            random.nextBytes(value);
            batch.add(KeyValue.pair(ByteBuffer.allocate(8).putLong(k).array(), value.clone()));
          }
          store.putAll(batch);
        }
        report(mode, settings, "wrote store " + (s + 1), start, stateDir);
      }
      long found = 0;
      for (int s = 0; s < stores; s++) {
        KeyValueStore<byte[], byte[]> store = driver.getKeyValueStore("store-" + s);
        for (int i = 0; i < keys / 4; i++) {
          found += store.get(ByteBuffer.allocate(8).putLong(random.nextInt(keys)).array()) != null ? 1 : 0;
        }
        report(mode, settings, "read store " + (s + 1), start, stateDir);
      }
      if (found != (long) stores * (keys / 4)) {
        throw new IllegalStateException("read back " + found + " values");
      }
      report(mode, settings, "done", start, stateDir);
    } finally {
      TempDirs.delete(stateDir);
    }
  }

  /** Source -> a processor that owns the stores; the experiment writes and reads them directly. */
  private static Topology topology(int stores) {
    var topology = new Topology();
    topology.addSource("input", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), "input");
    var names = new String[stores];
    for (int s = 0; s < stores; s++) {
      names[s] = "store-" + s;
    }
    topology.addProcessor("owner", () -> new Processor<byte[], byte[], Void, Void>() {
      @Override
      public void process(Record<byte[], byte[]> record) {}
    }, "input");
    for (String name : names) {
      topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.ByteArray(),
          Serdes.ByteArray()).withCachingDisabled().withLoggingDisabled(), "owner");
    }
    return topology;
  }

  private static void report(String mode, RocksDbSettings settings, String step, long start, Path stateDir)
      throws IOException {
    var status = Files.readAllLines(Path.of("/proc/self/status"));
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    String cache = mode.startsWith("bounded")
        ? String.format(" cache usage %4d MiB", BoundedRocksDbMemory.shared(settings).cache().getUsage() >> 20)
        : "";
    System.out.printf("%-14s %-14s %6.1f s  VmRSS %5d MiB  VmHWM %5d MiB  heap committed %4d MiB  state %5d MiB%s%n",
        mode, step, (System.nanoTime() - start) / 1e9, kib(status, "VmRSS:") >> 10, kib(status, "VmHWM:") >> 10,
        heap.getCommitted() >> 20, size(stateDir) >> 20, cache);
  }

  private static long kib(List<String> status, String field) {
    return status.stream().filter(l -> l.startsWith(field)).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
        .findFirst().orElse(-1);
  }

  private static long size(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
