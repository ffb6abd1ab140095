package dev.denorm.app;

import dev.denorm.assembly.plans.CustomerTreeIndex;
import dev.denorm.config.AppConfig;
import dev.denorm.index.Indexes;
import dev.denorm.position.CaptureSample;
import dev.denorm.position.Positions;
import dev.denorm.testkit.ChangeEvents;
import dev.denorm.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology of an index whose lines reach their customer through a resolver
 * (customers, their orders, the orders' lines, the lines' products) in a TopologyTestDriver with
 * capture positions sampled: change events in, capture samples given by hand, the document topic
 * read. One task per sub-topology, as many as the one-partition change topics.
 */
final class CustomerTreeDriver implements AutoCloseable {

  private static final List<String> TABLES = List.of("customers", "orders", "order_lines", "products");
  final AppConfig config;
  final Positions positions = Positions.sampled();
  TopologyTestDriver driver;
  private final Path stateDir;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final Map<String, Long> piped = new HashMap<>();
  private TestOutputTopic<String, byte[]> documents;

  /** @param settings on top of the state directory and {@code denorm.partitions=0} */
  CustomerTreeDriver(Map<String, String> settings) {
    stateDir = TempDirs.create("denorm-customer-tree");
    var all = new HashMap<>(settings);
    all.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    all.put("denorm.partitions", "0");
    config = AppConfig.from(all);
    open();
    TABLES.forEach(table -> piped.put(table, 0L));
  }

  private void open() {
    driver = new TopologyTestDriver(DenormTopology.documents(config, Indexes.of(List.of(new CustomerTreeIndex())),
        positions).build(config.streamsProperties()), config.streamsProperties());
    for (String table : TABLES) {
      inputs.put(table, driver.createInputTopic(config.topology().changeTopic(table), new ByteArraySerializer(),
          new ByteArraySerializer()));
    }
    documents = driver.createOutputTopic(config.topology().documentTopic("customer-tree"), new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  void insert(String table, Map<String, ?> row) {
    pipe(table, row, ChangeEvents.create(table, row));
  }

  /** An insert streamed in a transaction that began after the commit at {@code previousCommit}. */
  void insertAfter(String table, Map<String, ?> row, long previousCommit) {
    pipe(table, row, ChangeEvents.streamedAfter(ChangeEvents.create(table, row), previousCommit));
  }

  private void pipe(String table, Map<String, ?> row, byte[] event) {
    inputs.get(table).pipeInput(ChangeEvents.key(((Number) row.get("id")).longValue()), event);
    piped.merge(table, 1L, Long::sum);
  }

  /** How many change events each table's topic got. */
  Map<String, Long> piped() {
    return Map.copyOf(piped);
  }

  /** The connector committed at {@code lsn}, and the change topics end where the piping is. */
  void sample(long lsn) {
    sample(lsn, piped, Map.of());
  }

  /** A sample with these end offsets and the application's committed offsets, per table. */
  void sample(long lsn, Map<String, Long> ends, Map<String, Long> committed) {
    positions.capture(new CaptureSample(lsn, partitions(ends), partitions(committed)));
  }

  private Map<TopicPartition, Long> partitions(Map<String, Long> perTable) {
    var partitions = new HashMap<TopicPartition, Long>();
    perTable.forEach((table, offset) -> partitions.put(new TopicPartition(config.topology().changeTopic(table), 0), offset));
    return partitions;
  }

  /** Two ticks: the intake's marks, then the assembly's emit that sends them on (punctuators run in any order). */
  void pass() {
    driver.advanceWallClockTime(Duration.ofMillis(100));
    driver.advanceWallClockTime(Duration.ofMillis(100));
  }

  /** What the document topic got since the last call. */
  List<KeyValue<String, byte[]>> written() {
    return new ArrayList<>(documents.readKeyValuesToList());
  }

  @Override
  public void close() {
    driver.close();
    TempDirs.delete(stateDir);
  }
}
