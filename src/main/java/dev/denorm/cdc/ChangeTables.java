package dev.denorm.cdc;

import dev.denorm.config.TopologySettings;
import dev.denorm.serde.AvroSerde;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds each captured table once, however many indexes use it: a KTable of current rows keyed
 * by primary key, in the RocksDB store {@code table-<name>}.
 *
 * <pre>
 * input   &lt;prefix&gt;.&lt;schema&gt;.&lt;table&gt;   key {"id":..}, value Debezium change event (JSON)
 * source  &lt;table&gt;-changes                decodes; undecodable events go to the dead-letter topic
 * agg     &lt;table&gt;-apply-changes          applies each change to the stored row (delete, upsert,
 *                                        unchanged TOASTed columns kept); no repartition
 * store   table-&lt;table&gt;                Long -&gt; row (Avro), changelogged
 * </pre>
 *
 * Why an aggregation rather than {@code builder.table()}: the merge needs the previous row, and
 * an aggregation's store is the table itself, so the rows are stored once.
 */
public final class ChangeTables {

  private final StreamsBuilder builder;
  private final TopologySettings settings;
  private final Map<String, KTable<Long, ?>> built = new HashMap<>();

  public ChangeTables(StreamsBuilder builder, TopologySettings settings) {
    this.builder = builder;
    this.settings = settings;
  }

  @SuppressWarnings("unchecked")
  public <R extends SpecificRecord> KTable<Long, R> table(ChangeTable<R> table) {
    return (KTable<Long, R>) built.computeIfAbsent(table.name(), name -> build(table));
  }

  private <R extends SpecificRecord> KTable<Long, R> build(ChangeTable<R> table) {
    var keySerde = ChangeEventSerdes.key(table);
    var valueSerde = ChangeEventSerdes.value(table, settings.toastPlaceholder());
    var materialized = Materialized.<Long, R, KeyValueStore<Bytes, byte[]>>as(table.storeName())
        .withKeySerde(Serdes.Long())
        .withValueSerde(AvroSerde.of(table.rowClass()));
    return builder.stream(settings.changeTopic(table.name()), Consumed.with(keySerde, valueSerde).withName(table.name() + "-changes"))
        .groupByKey(Grouped.with(table.name() + "-changes-by-key", keySerde, valueSerde))
        .aggregate(() -> null, new ChangeTableAggregator<>(table), Named.as(table.name() + "-apply-changes"), materialized);
  }
}
