package dev.denorm.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.assembly.plans.CustomerTreeIndex;
import dev.denorm.cdc.RowKey;
import dev.denorm.index.Children;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import dev.denorm.position.Mark;
import org.junit.jupiter.api.Test;

/**
 * The resolver of the customer-tree test index's lines (children of orders): each line reaches the
 * customer of its order, whichever comes first, and follows its order when the order's owner changes.
 */
class ParentResolverTest {

  private static final String CHILDREN_TOPIC = "app-customer-tree-lines-by-parent-repartition";
  private static final String OWNERS_TOPIC = "app-customer-tree-lines-owners-repartition";

  private final CustomerTreeIndex index = new CustomerTreeIndex();
  private final Children<?, ?> lines = index.plan().children().stream().filter(c -> c.name().equals("lines")).findFirst()
      .orElseThrow();
  private final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>(properties());
  private final ParentResolver resolver = new ParentResolver(index, lines, "customer-tree-lines-owners", 0);

  @BeforeEach
  void init() {
    context.setRecordMetadata(CHILDREN_TOPIC, 0, 0);
    for (String name : List.of(AssemblyStores.byParent(index, lines), AssemblyStores.owners(index, lines))) {
      KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(),
          Serdes.ByteArray()).withLoggingDisabled().build();
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    resolver.init(context);
  }

  private static Properties properties() {
    var properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return properties;
  }

  private void line(long order, long line, String row) {
    context.setRecordMetadata(CHILDREN_TOPIC, 0, 0);
    resolver.process(new Record<>(RowKey.concat(RowKey.of(order), RowKey.of(line)).bytes(), bytes(row), 1L));
  }

  private void owner(long order, Long customer) {
    context.setRecordMetadata(OWNERS_TOPIC, 0, 0);
    resolver.process(new Record<>(RowKey.of(order).bytes(), customer == null ? null : RowKey.of(customer).bytes(), 1L));
  }

  private static byte[] bytes(String row) {
    return row == null ? null : row.getBytes(StandardCharsets.UTF_8);
  }

  /** What was forwarded, as (customer, order, line) -> row text or null, in order; then forgotten. */
  private List<Map.Entry<List<Object>, String>> forwarded() {
    var out = context.forwarded().stream().map(f -> Map.entry(RowKey.fromBytes(f.record().key()).values(),
        f.record().value() == null ? "gone" : new String(f.record().value(), StandardCharsets.UTF_8))).toList();
    context.resetForwards();
    return out;
  }

  @Test
  void shouldForwardALineToItsOrdersCustomerWhenTheOrderIsKnownFirst() {
    owner(5, 1L);
    line(5, 7, "line 7");

    assertThat(forwarded()).containsExactly(Map.entry(List.of(1L, 5L, 7L), "line 7"));
  }

  @Test
  void shouldHoldALineUntilItsOrdersOwnerIsKnown() {
    line(5, 7, "line 7");
    assertThat(forwarded()).isEmpty();

    owner(5, 1L);

    assertThat(forwarded()).containsExactly(Map.entry(List.of(1L, 5L, 7L), "line 7"));
  }

  @Test
  void shouldMoveEveryLineOfAnOrderThatChangesCustomer() {
    owner(5, 1L);
    line(5, 7, "line 7");
    line(5, 8, "line 8");
    forwarded();

    owner(5, 2L);

    assertThat(forwarded()).containsExactly(
        Map.entry(List.of(1L, 5L, 7L), "gone"), Map.entry(List.of(2L, 5L, 7L), "line 7"),
        Map.entry(List.of(1L, 5L, 8L), "gone"), Map.entry(List.of(2L, 5L, 8L), "line 8"));
  }

  @Test
  void shouldTakeTheLinesOfADeletedOrderOutOfItsCustomerAndKeepThemForItsReturn() {
    owner(5, 1L);
    line(5, 7, "line 7");
    forwarded();

    owner(5, null);
    assertThat(forwarded()).containsExactly(Map.entry(List.of(1L, 5L, 7L), "gone"));

    owner(5, 1L);
    assertThat(forwarded()).containsExactly(Map.entry(List.of(1L, 5L, 7L), "line 7"));
  }

  @Test
  void shouldForwardNothingForARepeatedRowARepeatedOwnerOrTheDeleteOfALineNeverSeen() {
    owner(5, 1L);
    line(5, 7, "line 7");
    forwarded();

    line(5, 7, "line 7");
    owner(5, 1L);
    line(5, 9, null);

    assertThat(forwarded()).isEmpty();
  }

  @Test
  void shouldForwardADeletedLineAsGoneFromItsCustomer() {
    owner(5, 1L);
    line(5, 7, "line 7");
    forwarded();

    line(5, 7, null);

    assertThat(forwarded()).containsExactly(Map.entry(List.of(1L, 5L, 7L), "gone"));
  }

  @Test
  void shouldPassOnTheLowerOfTheLinesAndTheOwnersPositionsOnceBothSentOne() {
    context.setRecordMetadata(CHILDREN_TOPIC, 0, 0);
    resolver.process(new Record<>(Keys.POSITION, new Mark(300, 0, 1).bytes(), 1L));
    assertThat(context.forwarded()).as("the owners' position is not known yet").isEmpty();

    context.setRecordMetadata(OWNERS_TOPIC, 0, 0);
    resolver.process(new Record<>(Keys.POSITION, new Mark(200, 0, 1).bytes(), 1L));
    context.setRecordMetadata(OWNERS_TOPIC, 0, 0);
    resolver.process(new Record<>(Keys.POSITION, new Mark(400, 0, 1).bytes(), 1L));

    var marks = context.forwarded().stream().map(f -> {
      assertThat(Keys.isPosition(f.record().key())).isTrue();
      return Mark.of(f.record().value());
    }).toList();
    assertThat(marks).containsExactly(new Mark(200, 0, 1), new Mark(300, 0, 1));
  }
}
