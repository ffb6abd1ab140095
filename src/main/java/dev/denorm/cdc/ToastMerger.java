package dev.denorm.cdc;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.ValueTransformerWithKey;
import org.apache.kafka.streams.processor.ProcessorContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the columns PostgreSQL left out of an update (unchanged TOASTed values) from the row
 * already in the table's own store, so a document never shows Debezium's placeholder. The store
 * is the one this transformer's output is materialized in: it holds the previous merged row.
 */
final class ToastMerger<R extends SpecificRecord> implements ValueTransformerWithKey<Long, RowChange<R>, R> {

  private static final Logger LOG = LoggerFactory.getLogger(ToastMerger.class);

  private final ChangeTable<R> table;
  private TimestampedKeyValueStore<Long, R> store;

  ToastMerger(ChangeTable<R> table) {
    this.table = table;
  }

  @Override
  public void init(ProcessorContext context) {
    store = context.getStateStore(table.storeName());
  }

  @Override
  public R transform(Long key, RowChange<R> change) {
    if (change == null) {
      return null;
    }
    R row = change.row();
    if (change.unavailable().isEmpty()) {
      return row;
    }
    ValueAndTimestamp<R> stored = store.get(key);
    R previous = stored == null ? null : stored.value();
    Schema schema = row.getSchema();
    for (String column : change.unavailable()) {
      Schema.Field field = schema.getField(column);
      if (previous != null) {
        row.put(field.pos(), previous.get(field.pos()));
      } else {
        LOG.warn("Column {} of {} id {} is unchanged and stored out of line (TOAST), and no earlier value is known;"
            + " it stays empty until the column changes. Set REPLICA IDENTITY FULL on the table or re-snapshot it.",
            column, table.name(), key);
        row.put(field.pos(), EmptyValues.of(field.schema()));
      }
    }
    return row;
  }

  @Override
  public void close() {}
}
