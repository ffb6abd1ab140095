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
 * merge   &lt;table&gt;-merge-toast           fills unchanged TOASTed columns from the stored row
 * store   table-&lt;table&gt;                Long -&gt; row (Avro), changelogged
 * </pre>
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
    var consumed = Consumed.with(ChangeEventSerdes.key(table), ChangeEventSerdes.value(table, settings.toastPlaceholder()))
        .withName(table.name() + "-changes");
    var materialized = Materialized.<Long, R, KeyValueStore<Bytes, byte[]>>as(table.storeName())
        .withKeySerde(Serdes.Long())
        .withValueSerde(AvroSerde.of(table.rowClass()));
    return builder.table(settings.changeTopic(table.name()), consumed)
        .transformValues(() -> new ToastMerger<>(table), materialized, Named.as(table.name() + "-merge-toast"));
  }
}
