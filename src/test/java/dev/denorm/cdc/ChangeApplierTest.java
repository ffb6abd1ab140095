package dev.denorm.cdc;

import java.util.Arrays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.row.ProductRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeApplierTest {

  private final ChangeTable<ProductRow> table = ChangeTable.of("products", ProductRow.class);
  private final MockProcessorContext<RowKey, RowUpdate<ProductRow>> context = new MockProcessorContext<>();
  private final ChangeApplier<ProductRow> applier = new ChangeApplier<>(table);

  @BeforeEach
  void init() {
    KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(table.storeName()),
        Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    applier.init(context);
  }

  private static ProductRow product(String name) {
    return new ProductRow(1L, "S-1", name, "d", new BigDecimal("1.00"), List.of(), Instant.EPOCH);
  }

  /** A change event as the source delivers it: with Debezium's context headers (extended.headers.enabled=true). */
  private static Record<RowKey, RowChange<ProductRow>> event(RowChange<ProductRow> change) {
    var headers = new RecordHeaders();
    headers.add("__debezium.context.connectorLogicalName", "pg".getBytes(StandardCharsets.UTF_8));
    headers.add("__debezium.context.taskId", "0".getBytes(StandardCharsets.UTF_8));
    return new Record<>(RowKey.of(1L), change, 5L, headers);
  }

  private List<String> forwardedHeaderKeys() {
    return context.forwarded().stream()
        .flatMap(f -> Arrays.stream(f.record().headers().toArray()).map(Header::key)).toList();
  }

  @Test
  void shouldForwardAStreamingChangeWithoutTheChangeEventsHeaders() {
    applier.process(event(new RowChange<>(product("N"), Set.of())));

    assertThat(context.forwarded()).hasSize(1);
    assertThat(context.forwarded().get(0).record().value().after()).isNotNull();
    assertThat(forwardedHeaderKeys()).isEmpty();
  }

  @Test
  void shouldForwardASnapshotRowWithItsSnapshotHeaderOnly() {
    applier.process(event(new RowChange<>(product("N"), Set.of()).fromSnapshot(RowChange.Place.WITHIN)));

    assertThat(forwardedHeaderKeys()).containsExactly(ChangeApplier.SNAPSHOT_HEADER);
  }

  @Test
  void shouldForwardATruncatesDeletesWithoutTheChangeEventsHeaders() {
    applier.process(event(new RowChange<>(product("N"), Set.of())));
    context.resetForwards();

    applier.process(event(RowChange.truncated()));

    assertThat(context.forwarded()).hasSize(1);
    assertThat(context.forwarded().get(0).record().value().after()).isNull();
    assertThat(forwardedHeaderKeys()).isEmpty();
  }
}
