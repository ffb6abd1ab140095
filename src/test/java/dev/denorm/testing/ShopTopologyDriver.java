package dev.denorm.testing;

import dev.denorm.app.SyncTopology;
import dev.denorm.config.AppConfig;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import dev.denorm.index.ShopTables;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology with the production properties in a TopologyTestDriver, fed with
 * Debezium change events of the shop tables. {@link #emit()} lets the emit interval pass, after
 * which the documents of every index can be read.
 */
public final class ShopTopologyDriver implements AutoCloseable {

  private final Path stateDir;
  private final AppConfig config;
  private final TopologyTestDriver driver;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final Map<String, DocumentIndex<?>> indexes = new LinkedHashMap<>();

  public ShopTopologyDriver() {
    this(Map.of());
  }

  public ShopTopologyDriver(Map<String, String> settings) {
    this(settings, Indexes.all());
  }

  public ShopTopologyDriver(Map<String, String> settings, List<DocumentIndex<?>> indexList) {
    stateDir = TempDirs.create("denorm-ttd");
    var all = new HashMap<>(settings);
    all.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config = AppConfig.from(all);
    indexList.forEach(index -> indexes.put(index.name(), index));
    driver = new TopologyTestDriver(SyncTopology.build(config, indexList), config.streamsProperties());
    for (var table : ShopTables.ALL) {
      inputs.put(table.name(), driver.createInputTopic(topology().changeTopic(table.name()),
          new ByteArraySerializer(), new ByteArraySerializer()));
    }
  }

  public TopologySettings topology() {
    return config.topology();
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  public ShopTopologyDriver insert(String table, Map<String, ?> row) {
    return pipe(table, ChangeEvents.key(id(row)), ChangeEvents.create(table, row));
  }

  /** A row as the connector's initial snapshot reads it (op 'r'). */
  public ShopTopologyDriver snapshot(String table, Map<String, ?> row) {
    return pipe(table, ChangeEvents.key(id(row)), ChangeEvents.snapshot(table, row));
  }

  /** Lets {@code duration} of wall-clock time pass in one step (one emit punctuation). */
  public ShopTopologyDriver pass(java.time.Duration duration) {
    driver.advanceWallClockTime(duration);
    return this;
  }

  public ShopTopologyDriver update(String table, Map<String, ?> row) {
    return pipe(table, ChangeEvents.key(id(row)), ChangeEvents.update(table, row));
  }

  /** A delete event followed by its tombstone, as Debezium writes them. */
  public ShopTopologyDriver delete(String table, long id) {
    pipe(table, ChangeEvents.key(id), ChangeEvents.delete(table, id));
    return pipe(table, ChangeEvents.key(id), null);
  }

  public ShopTopologyDriver pipe(String table, byte[] key, byte[] value) {
    inputs.get(table).pipeInput(key, value);
    return this;
  }

  /** Lets one emit interval pass, so pending documents are written to the document topics. */
  public ShopTopologyDriver emit() {
    driver.advanceWallClockTime(topology().emitInterval());
    return this;
  }

  /** Everything written to an index's document topic since the last call: id -> document or null. */
  public <D> List<KeyValue<String, D>> documents(String index) {
    @SuppressWarnings("unchecked")
    var serde = (DocumentIndex<?>) indexes.get(index);
    TestOutputTopic<String, ?> topic = driver.createOutputTopic(topology().documentTopic(index),
        new StringDeserializer(), serde.documentSerde().deserializer());
    @SuppressWarnings("unchecked")
    List<KeyValue<String, D>> records = (List<KeyValue<String, D>>) (List<?>) topic.readKeyValuesToList();
    return records;
  }

  /** The latest document per id written since the last call (null = deleted). */
  public <D> Map<String, D> latestDocuments(String index) {
    Map<String, D> latest = new LinkedHashMap<>();
    this.<D>documents(index).forEach(kv -> latest.put(kv.key, kv.value));
    return latest;
  }

  public List<TestRecord<byte[], byte[]>> deadLetters() {
    return driver.createOutputTopic(topology().deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .readRecordsToList();
  }

  private static long id(Map<String, ?> row) {
    return ((Number) row.get("id")).longValue();
  }

  @Override
  public void close() {
    driver.close();
    TempDirs.delete(stateDir);
  }
}
