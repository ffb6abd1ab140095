package dev.denorm.cdc;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A captured source table: its name in the source schema, the Avro record of its rows (field
 * names are column names) and its primary-key column, a bigint.
 *
 * @param name table name, e.g. {@code orders}
 * @param rowClass the generated Avro class of one row
 * @param keyColumn the primary-key column, read from the change event's key
 */
public record ChangeTable<R extends SpecificRecord>(String name, Class<R> rowClass, String keyColumn) {

  public static <R extends SpecificRecord> ChangeTable<R> of(String name, Class<R> rowClass) {
    return new ChangeTable<>(name, rowClass, "id");
  }

  public Schema rowSchema() {
    return SpecificData.get().getSchema(rowClass);
  }

  /** Name of the RocksDB store that holds the table's current rows. */
  public String storeName() {
    return "table-" + name;
  }
}
