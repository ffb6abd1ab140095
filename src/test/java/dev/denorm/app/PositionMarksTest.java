package dev.denorm.app;

import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.order;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.assembly.plans.CustomerTreeIndex;
import dev.denorm.config.AppConfig;
import dev.denorm.index.Indexes;
import dev.denorm.position.CaptureSample;
import dev.denorm.position.Mark;
import dev.denorm.position.Positions;
import dev.denorm.testkit.TempDirs;
import dev.denorm.testkit.ChangeEvents;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Position marks through the production topology of an index whose lines reach their customer
 * through a resolver (customers, their orders, the orders' lines, the lines' products): a capture
 * sample that the intake has passed comes out of the document topic as a mark, behind the documents
 * of the changes it covers, and only then.
 */
class PositionMarksTest {

  private static final List<String> TABLES = List.of("customers", "orders", "order_lines", "products");
  private Path stateDir;
  private AppConfig config;
  private Positions positions;
  private TopologyTestDriver driver;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final Map<String, Long> piped = new HashMap<>();
  private TestOutputTopic<String, byte[]> documents;

  @BeforeEach
  void start() {
    stateDir = TempDirs.create("denorm-marks");
    // a topology test driver runs one task per sub-topology: as many as the one-partition change topics
    config = AppConfig.from(Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(), "denorm.partitions", "0"));
    positions = Positions.sampled();
    var indexes = Indexes.of(List.of(new CustomerTreeIndex()));
    driver = new TopologyTestDriver(DenormTopology.documents(config, indexes, positions).build(config.streamsProperties()),
        config.streamsProperties());
    for (String table : TABLES) {
      inputs.put(table, driver.createInputTopic(config.topology().changeTopic(table), new ByteArraySerializer(),
          new ByteArraySerializer()));
      piped.put(table, 0L);
    }
    documents = driver.createOutputTopic(config.topology().documentTopic("customer-tree"), new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
    TempDirs.delete(stateDir);
  }

  @Test
  void shouldWriteTheMarkBehindTheDocumentsOfTheChangesItCoversOnceTheIntakePassedTheSample() {
    insert("customers", customer(1));
    insert("products", product(100));
    insert("orders", order(5, 1, null));
    insert("order_lines", line(1, 5, 100, 1, "1.00"));
    sample(0x100, Map.of());

    pass();

    var written = written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1", Mark.DOCUMENT_KEY_PREFIX + "0");
    assertThat(Mark.of(written.get(1).value)).isEqualTo(new Mark(0x100, 0, 1));
  }

  @Test
  void shouldSendNoMarkWhileTheIntakeHasNotReachedTheSamplesEndOffsets() {
    insert("customers", customer(1));
    insert("products", product(100));
    insert("orders", order(5, 1, null));
    // the sample says the connector wrote a line the intake has not read yet
    var ends = new HashMap<String, Long>(piped);
    ends.put("order_lines", 1L);
    sampleWithEnds(0x200, ends);

    pass();
    assertThat(written()).extracting(kv -> kv.key).doesNotContain(Mark.DOCUMENT_KEY_PREFIX + "0");

    insert("order_lines", line(1, 5, 100, 1, "1.00"));
    pass();

    // the customer again, now with the line, and behind it the mark
    var written = written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1", Mark.DOCUMENT_KEY_PREFIX + "0");
    assertThat(Mark.of(written.get(1).value).position()).isEqualTo(0x200);
  }

  @Test
  void shouldCountARecordTheApplicationCommittedInAnEarlierRunAsApplied() {
    // nothing piped in this run, but the group's committed offsets are at the topics' ends
    var ends = Map.of("customers", 3L, "orders", 2L, "order_lines", 4L, "products", 1L);
    var committed = new HashMap<TopicPartition, Long>();
    ends.forEach((table, end) -> committed.put(tp(table), end));
    positions.capture(new CaptureSample(0x300, toPartitions(ends), committed));

    pass();

    var written = written();
    assertThat(written).extracting(kv -> kv.key).containsExactly(Mark.DOCUMENT_KEY_PREFIX + "0");
    assertThat(positions.report("customer-tree").get("assembly")).containsEntry("customer-tree/0", "0/300");
  }

  @Test
  void shouldSendAMarkOnlyWhenThePositionRose() {
    insert("customers", customer(1));
    sample(0x100, Map.of());
    pass();
    assertThat(written()).extracting(kv -> kv.key).contains(Mark.DOCUMENT_KEY_PREFIX + "0");

    pass();
    assertThat(written()).isEmpty();
  }

  /** Two ticks: the intake's marks, then the assembly's emit that sends them on (punctuators run in any order). */
  private void pass() {
    driver.advanceWallClockTime(Duration.ofMillis(100));
    driver.advanceWallClockTime(Duration.ofMillis(100));
  }

  private void insert(String table, Map<String, ?> row) {
    inputs.get(table).pipeInput(ChangeEvents.key(((Number) row.get("id")).longValue()), ChangeEvents.create(table, row));
    piped.merge(table, 1L, Long::sum);
  }

  /** A sample whose end offsets are what was piped, plus {@code more}. */
  private void sample(long lsn, Map<String, Long> more) {
    var ends = new HashMap<String, Long>(piped);
    more.forEach((table, n) -> ends.merge(table, n, Long::sum));
    sampleWithEnds(lsn, ends);
  }

  private void sampleWithEnds(long lsn, Map<String, Long> ends) {
    positions.capture(new CaptureSample(lsn, toPartitions(ends), Map.of()));
  }

  private Map<TopicPartition, Long> toPartitions(Map<String, Long> ends) {
    var partitions = new HashMap<TopicPartition, Long>();
    ends.forEach((table, end) -> partitions.put(tp(table), end));
    return partitions;
  }

  private TopicPartition tp(String table) {
    return new TopicPartition(config.topology().changeTopic(table), 0);
  }

  private List<KeyValue<String, byte[]>> written() {
    return new ArrayList<>(documents.readKeyValuesToList());
  }
}
