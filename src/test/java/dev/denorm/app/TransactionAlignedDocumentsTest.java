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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transaction-aligned documents through the production topology of an index that nests a customer's
 * orders and their lines (the lines reach the customer through a resolver): a document that one
 * transaction changed is written only once the task's position has passed that transaction, so with
 * every one of its changes; a later transaction's change keeps it, and caps the task's mark; and a
 * document waits no longer than the hold's bound.
 */
class TransactionAlignedDocumentsTest {

  private static final List<String> TABLES = List.of("customers", "orders", "order_lines", "products");
  private static final String MARK = Mark.DOCUMENT_KEY_PREFIX + "0";
  private Path stateDir;
  private AppConfig config;
  private Positions positions;
  private TopologyTestDriver driver;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final Map<String, Long> piped = new HashMap<>();
  private TestOutputTopic<String, byte[]> documents;

  private void start(boolean aligned) {
    stateDir = TempDirs.create("denorm-aligned");
    config = AppConfig.from(Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(), "denorm.partitions", "0",
        "denorm.transactions.aligned", Boolean.toString(aligned), "denorm.transactions.hold.max.ms", "5000"));
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
    // a customer and a product, committed at 0x20
    insert("customers", customer(1), 0x10);
    insert("products", product(100), 0x10);
    sample(0x20);
    pass();
    assertThat(written()).extracting(kv -> kv.key).containsExactly("1", MARK);
  }

  @AfterEach
  void stop() {
    driver.close();
    TempDirs.delete(stateDir);
  }

  @Test
  void shouldWriteAnOrderWithItsLinesOnlyOnceThePositionPassedTheirTransaction() {
    start(true);
    double heldBefore = metric("documents-held-total");
    // one transaction after the commit at 0x20: an order and its two lines, the lines coming later
    insert("orders", order(5, 1, null), 0x20);
    pass();
    assertThat(written()).as("the order alone is a state no transaction committed").isEmpty();
    insert("order_lines", line(1, 5, 100, 1, "1.00"), 0x20);
    insert("order_lines", line(2, 5, 100, 2, "2.00"), 0x20);
    pass();
    assertThat(written()).isEmpty();

    sample(0x30); // the transaction committed at 0x30
    pass();

    var written = written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1", MARK);
    assertThat(text(written.get(0).value)).contains("[5 PAID: 1x Product 100, 2x Product 100]");
    assertThat(Mark.of(written.get(1).value).position()).isEqualTo(0x30);
    assertThat(metric("documents-held-total")).isEqualTo(heldBefore + 1);
    assertThat(metric("documents-unaligned-total")).isEqualTo(0.0);
  }

  /** The control: without alignment the same changes show the order without its lines first. */
  @Test
  void shouldWriteTheOrderAloneWhenNotAligned() {
    start(false);
    insert("orders", order(5, 1, null), 0x20);
    pass();
    var written = written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1");
    assertThat(text(written.get(0).value)).contains("[5 PAID: ]");
  }

  @Test
  void shouldKeepADocumentThatALaterTransactionChangedAndCapTheMarkBelowIt() {
    start(true);
    insert("orders", order(5, 1, null), 0x20); // transaction A, committed at 0x30
    insert("order_lines", line(1, 5, 100, 1, "1.00"), 0x30); // transaction B, not committed by the sample
    sample(0x30);
    pass();
    assertThat(written()).as("the customer shows B's line, and B may have more").isEmpty();

    sample(0x40);
    pass();
    var written = written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1", MARK);
    assertThat(text(written.get(0).value)).contains("[5 PAID: 1x Product 100]");
    assertThat(Mark.of(written.get(1).value).position()).isEqualTo(0x40);
  }

  @Test
  void shouldWriteADocumentAsItIsOnceItWaitedTheBoundAndCountIt() {
    start(true);
    insert("orders", order(5, 1, null), 0x20); // its commit never sampled
    pass();
    assertThat(written()).isEmpty();

    driver.advanceWallClockTime(Duration.ofMillis(5_000));
    pass();

    assertThat(written()).extracting(kv -> kv.key).containsExactly("1");
    assertThat(metric("documents-unaligned-total")).isEqualTo(1.0);
  }

  /** Two ticks: the intake's marks, then the assembly's emit that sends them on (punctuators run in any order). */
  private void pass() {
    driver.advanceWallClockTime(Duration.ofMillis(100));
    driver.advanceWallClockTime(Duration.ofMillis(100));
  }

  private void insert(String table, Map<String, ?> row, long previousCommit) {
    inputs.get(table).pipeInput(ChangeEvents.key(((Number) row.get("id")).longValue()),
        ChangeEvents.streamedAfter(ChangeEvents.create(table, row), previousCommit));
    piped.merge(table, 1L, Long::sum);
  }

  /** The connector committed at {@code lsn}, and the change topics end where the piping is. */
  private void sample(long lsn) {
    var ends = new HashMap<TopicPartition, Long>();
    piped.forEach((table, end) -> ends.put(new TopicPartition(config.topology().changeTopic(table), 0), end));
    positions.capture(new CaptureSample(lsn, ends, Map.of()));
  }

  private double metric(String name) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals("denorm-assembly-metrics") && e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
  }

  private String text(byte[] document) {
    return Indexes.of(List.of(new CustomerTreeIndex())).all().get(0).documentSerde().fromBytes(document).toString();
  }

  private List<KeyValue<String, byte[]>> written() {
    return new ArrayList<>(documents.readKeyValuesToList());
  }
}
