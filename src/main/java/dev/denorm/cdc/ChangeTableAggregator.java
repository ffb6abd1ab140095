package dev.denorm.cdc;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Aggregator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one change to the current row of its key: a delete removes it (null), an insert or
 * update replaces it, and columns PostgreSQL left out because they were unchanged and TOASTed
 * keep their previous value, so a document never shows Debezium's placeholder.
 */
final class ChangeTableAggregator<R extends SpecificRecord> implements Aggregator<RowKey, RowChange<R>, R> {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeTableAggregator.class);

  private final ChangeTable<R> table;

  ChangeTableAggregator(ChangeTable<R> table) {
    this.table = table;
  }

  @Override
  public R apply(RowKey key, RowChange<R> change, R previous) {
    if (change.isDelete()) {
      return null;
    }
    R row = change.row();
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
}
