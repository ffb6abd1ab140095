package dev.denorm.cdc;

import dev.denorm.config.TopologySettings;
import dev.denorm.position.Positions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Reads each captured table once, however many indexes use it: the change events decoded, applied
 * to the table's current rows, and the rows before and after each change as a stream keyed by
 * primary key. All tables in one task, oldest record first: the connector's snapshot reads the tables
 * one after the other, and a table's indexes get it while later tables are still being read, instead
 * of every table's share round-robin (docs/decisions/0130-capture-ordered-intake.md).
 *
 * <pre>
 * input   &lt;prefix&gt;.&lt;schema&gt;.&lt;table&gt;   key {"&lt;key column&gt;":.., ..}, value Debezium change event (JSON)
 * source  &lt;table&gt;-changes                decodes; undecodable events go to the dead-letter topic
 * process &lt;table&gt;-apply-changes          ChangeApplier: store table-&lt;table&gt; (key -&gt; row, changelogged);
 *                                        unchanged TOASTed columns keep their stored value;
 *                                        a TRUNCATE deletes every stored row, one delete each
 * output  KStream RowKey -&gt; RowUpdate(before, after), in change order per key
 * </pre>
 *
 * Why the stored row: the TOAST merge needs the previous row, and so does routing a child row that
 * moved to another parent (under REPLICA IDENTITY DEFAULT an update carries no 'before').
 */
public final class ChangeTables {

  /** The store that puts every table's changes in one task (see {@link #intakeOrder}). */
  public static final String INTAKE_ORDER = "change-intake-order";

  private final StreamsBuilder builder;
  private final TopologySettings settings;
  private final Map<String, List<String>> readers;
  /** One for all tables: with Avro, one registry client and one schema cache. */
  private final ChangeEventReader format;
  private final Map<String, KStream<RowKey, ?>> built = new HashMap<>();
  private final Positions positions;

  public ChangeTables(StreamsBuilder builder, TopologySettings settings) {
    this(builder, settings, Map.of(), Positions.none());
  }

  /**
   * @param readers per table, the indexes that read it (named when the table's shape no longer fits)
   * @param positions where the appliers find the capture samples their position marks follow
   */
  public ChangeTables(StreamsBuilder builder, TopologySettings settings, Map<String, List<String>> readers,
      Positions positions) {
    this.positions = positions;
    this.builder = builder;
    this.settings = settings;
    this.readers = Map.copyOf(readers);
    this.format = ChangeEventReader.of(settings);
  }

  /** The table's changes as (before, after) rows, built on first use. */
  @SuppressWarnings("unchecked")
  public <R extends SpecificRecord> KStream<RowKey, RowUpdate<R>> updates(ChangeTable<R> table) {
    return (KStream<RowKey, RowUpdate<R>>) built.computeIfAbsent(table.name(), name -> build(table));
  }

  /**
   * Holds nothing: every table's applier is connected to it, and Kafka Streams puts processors that
   * share a store in one sub-topology. So one task reads every change topic and, with
   * {@code max.task.idle.ms=0} (StreamsDefaults), takes the record with the oldest timestamp next:
   * the tables' changes are applied in the order the connector wrote them.
   */
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> intakeOrder() {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(INTAKE_ORDER), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingDisabled();
  }

  private <R extends SpecificRecord> KStream<RowKey, RowUpdate<R>> build(ChangeTable<R> table) {
    var keySerde = ChangeEventSerdes.key(table, format);
    var valueSerde = ChangeEventSerdes.value(table, format, settings, readers.getOrDefault(table.name(), List.of()));
    builder.addStateStore(ChangeApplier.store(table));
    if (built.isEmpty()) {
      builder.addStateStore(intakeOrder());
    }
    String topic = settings.changeTopic(table.name());
    return builder.stream(topic, Consumed.with(keySerde, valueSerde).withName(table.name() + "-changes"))
        .process(() -> new ChangeApplier<>(table, topic, positions, settings.transactionsAligned()), Named.as(table.name() + "-apply-changes"), table.storeName(), INTAKE_ORDER);
  }
}
