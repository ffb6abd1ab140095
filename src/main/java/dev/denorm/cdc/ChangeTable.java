package dev.denorm.cdc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A captured source table: its name in the source schema, the Avro record of its rows (field
 * names are column names) and its primary-key columns, of any type a key column can have
 * (integers, numeric, text, uuid, date, timestamp), one or several.
 *
 * @param name table name, e.g. {@code orders}
 * @param rowClass the generated Avro class of one row
 * @param keyColumns the primary-key columns, in key order, read from the change event's key
 */
public record ChangeTable<R extends SpecificRecord>(String name, Class<R> rowClass, List<String> keyColumns) {

  public ChangeTable {
    keyColumns = List.copyOf(keyColumns);
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " needs a primary key: name its key columns");
    }
    Schema schema = SpecificData.get().getSchema(rowClass);
    for (String column : keyColumns) {
      var field = schema.getField(column);
      if (field == null) {
        throw new IllegalArgumentException("table " + name + ": key column '" + column + "' is not a field of "
            + rowClass.getSimpleName());
      }
      KeyType.of(field.schema(), name + "." + column);
    }
  }

  /** A table keyed by its column {@code id}. */
  public static <R extends SpecificRecord> ChangeTable<R> of(String name, Class<R> rowClass) {
    return new ChangeTable<>(name, rowClass, List.of("id"));
  }

  /** A table keyed by these columns, in the order of its primary key (e.g. a join table's two). */
  public static <R extends SpecificRecord> ChangeTable<R> of(String name, Class<R> rowClass, String... keyColumns) {
    return new ChangeTable<>(name, rowClass, List.of(keyColumns));
  }

  public Schema rowSchema() {
    return SpecificData.get().getSchema(rowClass);
  }

  /** The primary key of a row. */
  public RowKey keyOf(R row) {
    Schema schema = row.getSchema();
    Object[] values = new Object[keyColumns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(schema.getField(keyColumns.get(i)).pos());
    }
    return RowKey.of(values);
  }

  /**
   * The key a document id of this (root) table names: the inverse of {@link RowKey#text()}.
   *
   * @throws IllegalArgumentException when {@code id} is no key of this table
   */
  public RowKey parseKey(String id) {
    List<String> parts = DocumentIdText.parts(id, keyColumns.size());
    Object[] values = new Object[parts.size()];
    for (int i = 0; i < values.length; i++) {
      String column = keyColumns.get(i);
      values[i] = KeyType.of(rowSchema().getField(column).schema(), column).parse(parts.get(i), column);
    }
    return RowKey.of(values);
  }

  /**
   * Checks that {@code columns} of {@code holder}'s rows can hold a key of {@code target}: as many
   * as its key columns, each of a matching type (nullable: a null references nothing).
   *
   * @throws IllegalArgumentException naming {@code relation} when they cannot
   */
  public static void checkForeignKey(String relation, ChangeTable<?> holder, List<String> columns, ChangeTable<?> target) {
    if (columns.size() != target.keyColumns().size()) {
      throw new IllegalArgumentException("relation " + relation + ": " + columns + " of " + holder.name() + " cannot reference "
          + target.name() + ", whose key is " + target.keyColumns());
    }
    for (int i = 0; i < columns.size(); i++) {
      var field = holder.rowSchema().getField(columns.get(i));
      if (field == null) {
        throw new IllegalArgumentException("relation " + relation + ": table " + holder.name() + " has no column '"
            + columns.get(i) + "'");
      }
      Schema type = field.schema();
      if (type.getType() == Schema.Type.UNION) {
        type = ColumnDecoder.nonNull(type);
      }
      String targetColumn = target.keyColumns().get(i);
      if (KeyType.of(type, holder.name() + "." + columns.get(i))
          != KeyType.of(target.rowSchema().getField(targetColumn).schema(), target.name() + "." + targetColumn)) {
        throw new IllegalArgumentException("relation " + relation + ": " + holder.name() + "." + columns.get(i)
            + " (" + type + ") cannot hold a key of " + target.name() + "." + targetColumn);
      }
    }
  }

  /** Name of the RocksDB store that holds the table's current rows. */
  public String storeName() {
    return "table-" + name;
  }

  /** What a key column can be, by its row field's Avro type. */
  enum KeyType {
    INTEGER, TEXT, DECIMAL, DATE, TIMESTAMP, LOCAL_TIMESTAMP;

    static KeyType of(Schema field, String column) {
      if (field.getType() == Schema.Type.UNION) {
        throw new IllegalArgumentException("key column " + column + " is nullable in its row schema; key columns are NOT NULL");
      }
      var logical = field.getLogicalType();
      return switch (field.getType()) {
        case STRING -> TEXT;
        case INT -> logical instanceof LogicalTypes.Date ? DATE : logical == null ? INTEGER : unsupported(field, column);
        case LONG -> logical == null ? INTEGER
            : logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.TimestampMillis ? TIMESTAMP
            : logical instanceof LogicalTypes.LocalTimestampMicros || logical instanceof LogicalTypes.LocalTimestampMillis
                ? LOCAL_TIMESTAMP : unsupported(field, column);
        case BYTES -> logical instanceof LogicalTypes.Decimal ? DECIMAL : unsupported(field, column);
        default -> unsupported(field, column);
      };
    }

    private static KeyType unsupported(Schema field, String column) {
      throw new IllegalArgumentException("key column " + column + " has row type " + field
          + "; key columns are integers, numeric, text, uuid (as string), date or timestamp");
    }

    Object parse(String text, String column) {
      try {
        return switch (this) {
          case INTEGER -> Long.parseLong(text);
          case TEXT -> text;
          case DECIMAL -> new BigDecimal(text);
          case DATE -> LocalDate.parse(text);
          case TIMESTAMP -> Instant.parse(text);
          case LOCAL_TIMESTAMP -> LocalDateTime.parse(text);
        };
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is no " + name().toLowerCase().replace('_', ' ') + " (key column "
            + column + ")", e);
      }
    }
  }
}
