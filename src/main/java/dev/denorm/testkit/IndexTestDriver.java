package dev.denorm.testkit;

import dev.denorm.app.DenormTopology;
import dev.denorm.cdc.ChangeTable;
import dev.denorm.config.AppConfig;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * The production topology of the given indexes only, with the production properties, in a
 * TopologyTestDriver: it reads only the change topics of the tables those indexes read, so one
 * index's tests build just that index. Feed it rows as Debezium change events ({@link #insert},
 * {@link #update}, {@link #delete}, {@link #snapshot}); {@link #emit()} lets the emit interval
 * pass. Every document write is kept: {@link #documents} (the latest per id) and {@link #writes}
 * (all, in order) can be read any number of times; {@link #newWrites} is a cursor over the same
 * log for "what did this change write".
 */
public final class IndexTestDriver implements AutoCloseable {

  private final Path stateDir;
  private final AppConfig config;
  private final TopologyTestDriver driver;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new LinkedHashMap<>();
  private final Map<String, Output> outputs = new LinkedHashMap<>();
  private final List<TestRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
  private final TestOutputTopic<byte[], byte[]> deadLetterTopic;
  private final Map<String, ChangeTable<?>> tables = new LinkedHashMap<>();

  /** What one index wrote: every write in order, and how far {@link #newWrites} has read. */
  private static final class Output {
    final TestOutputTopic<String, ?> topic;
    final List<KeyValue<String, Object>> writes = new ArrayList<>();
    int cursor;

    Output(TestOutputTopic<String, ?> topic) {
      this.topic = topic;
    }
  }

  public IndexTestDriver(DocumentIndex<?>... indexes) {
    this(Map.of(), List.of(indexes));
  }

  /** @param settings denorm.* or Kafka Streams settings on top of the production ones */
  public IndexTestDriver(Map<String, String> settings, List<? extends DocumentIndex<?>> indexList) {
    stateDir = TempDirs.create("denorm-ttd");
    var all = new HashMap<>(settings);
    all.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config = AppConfig.from(all);
    var indexes = Indexes.of(indexList);
    driver = new TopologyTestDriver(DenormTopology.build(config, indexes), config.streamsProperties());
    for (var table : indexes.tables()) {
      tables.put(table.name(), table);
      inputs.put(table.name(), driver.createInputTopic(topology().changeTopic(table.name()),
          new ByteArraySerializer(), new ByteArraySerializer()));
    }
    for (var index : indexes.all()) {
      outputs.put(index.name(), new Output(driver.createOutputTopic(topology().documentTopic(index.name()),
          new StringDeserializer(), index.documentSerde().deserializer())));
    }
    deadLetterTopic = driver.createOutputTopic(topology().deadLetterTopic(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  public TopologySettings topology() {
    return config.topology();
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  public IndexTestDriver insert(String table, Map<String, ?> row) {
    return pipe(table, ChangeEvents.key(keyOf(table, row)), ChangeEvents.create(table, row));
  }

  /** A row as the connector's initial snapshot reads it (op 'r'). */
  public IndexTestDriver snapshot(String table, Map<String, ?> row) {
    return pipe(table, ChangeEvents.key(keyOf(table, row)), ChangeEvents.snapshot(table, row));
  }

  /** The last row the snapshot reads of the table (Debezium marks it last_in_data_collection). */
  public IndexTestDriver snapshotLast(String table, Map<String, ?> row) {
    return pipe(table, ChangeEvents.key(keyOf(table, row)), ChangeEvents.snapshotLast(table, row));
  }

  /** The snapshot's very first row (Debezium marks it first, even when its table has no other). */
  public IndexTestDriver snapshotFirst(String table, Map<String, ?> row) {
    return pipe(table, ChangeEvents.key(keyOf(table, row)), ChangeEvents.snapshot(table, row, "first"));
  }

  public IndexTestDriver update(String table, Map<String, ?> row) {
    return pipe(table, ChangeEvents.key(keyOf(table, row)), ChangeEvents.update(table, row));
  }

  /** A delete event followed by its tombstone, as Debezium writes them, of a table keyed by one column. */
  public IndexTestDriver delete(String table, Object id) {
    var keyColumns = table(table).keyColumns();
    if (keyColumns.size() != 1) {
      throw new IllegalArgumentException("table " + table + " is keyed by " + keyColumns + ": delete(table, Map.of(...))");
    }
    var key = new LinkedHashMap<String, Object>();
    key.put(keyColumns.get(0), id);
    return delete(table, key);
  }

  /** A delete event followed by its tombstone, of the row with these key column values. */
  public IndexTestDriver delete(String table, Map<String, ?> key) {
    var ordered = keyOf(table, key);
    pipe(table, ChangeEvents.key(ordered), ChangeEvents.delete(table, ordered));
    return pipe(table, ChangeEvents.key(ordered), null);
  }

  /** Any bytes as a change event of a table (e.g. a malformed one). */
  /**
   * A TRUNCATE of each table, as the recommended connector config sends it: one event per table
   * (CASCADE included), keyed {"op":"t"}.
   */
  public IndexTestDriver truncate(String... tables) {
    for (String table : tables) {
      pipe(table, ChangeEvents.truncateKey(), ChangeEvents.truncate(table));
    }
    return this;
  }

  public IndexTestDriver pipe(String table, byte[] key, byte[] value) {
    var input = inputs.get(table);
    if (input == null) {
      throw new IllegalArgumentException("no index under test reads table " + table + "; they read " + inputs.keySet());
    }
    input.pipeInput(key, value);
    return this;
  }

  /** Lets one emit interval pass, so pending documents are written to the document topics. */
  public IndexTestDriver emit() {
    return pass(topology().emitInterval());
  }

  /** Lets {@code duration} of wall-clock time pass in one step (one emit punctuation). */
  public IndexTestDriver pass(Duration duration) {
    driver.advanceWallClockTime(duration);
    return this;
  }

  /** Every write to an index's document topic so far, in order: id -> document, null = delete. */
  public <D> List<KeyValue<String, D>> writes(String index) {
    @SuppressWarnings("unchecked")
    var writes = (List<KeyValue<String, D>>) (List<?>) List.copyOf(collect(index).writes);
    return writes;
  }

  /** The writes after those an earlier call of this method returned for the same index. */
  public <D> List<KeyValue<String, D>> newWrites(String index) {
    var output = collect(index);
    @SuppressWarnings("unchecked")
    var writes = (List<KeyValue<String, D>>) (List<?>) List.copyOf(output.writes.subList(output.cursor, output.writes.size()));
    output.cursor = output.writes.size();
    return writes;
  }

  /** The latest write per id so far: the document, or null when it was deleted. */
  public <D> Map<String, D> documents(String index) {
    Map<String, D> latest = new LinkedHashMap<>();
    this.<D>writes(index).forEach(kv -> latest.put(kv.key, kv.value));
    return latest;
  }

  /** The latest write per id among {@link #newWrites} (which it advances): what a change rewrote. */
  public <D> Map<String, D> newDocuments(String index) {
    Map<String, D> latest = new LinkedHashMap<>();
    this.<D>newWrites(index).forEach(kv -> latest.put(kv.key, kv.value));
    return latest;
  }

  /** Everything written to the dead-letter topic so far. */
  public List<TestRecord<byte[], byte[]>> deadLetters() {
    deadLetters.addAll(deadLetterTopic.readRecordsToList());
    return List.copyOf(deadLetters);
  }

  private Output collect(String index) {
    var output = outputs.get(index);
    if (output == null) {
      throw new IllegalArgumentException("index " + index + " is not under test; these are: " + outputs.keySet());
    }
    output.topic.readKeyValuesToList().forEach(kv -> output.writes.add(new KeyValue<>(kv.key, kv.value)));
    return output;
  }

  /** The row's key columns, in key order, as the change event's key holds them. */
  private Map<String, Object> keyOf(String table, Map<String, ?> row) {
    var key = new LinkedHashMap<String, Object>();
    for (String column : table(table).keyColumns()) {
      if (!row.containsKey(column)) {
        throw new IllegalArgumentException("the row of " + table + " has no key column '" + column + "': " + row.keySet());
      }
      key.put(column, row.get(column));
    }
    return key;
  }

  private ChangeTable<?> table(String name) {
    var table = tables.get(name);
    if (table == null) {
      throw new IllegalArgumentException("no index under test reads table " + name + "; they read " + tables.keySet());
    }
    return table;
  }

  @Override
  public void close() {
    driver.close();
    TempDirs.delete(stateDir);
  }
}
