package dev.denorm.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.denorm.config.TopologySettings;
import org.apache.avro.Schema;

/**
 * Reads the primary key from a Debezium change event key ({@code {"id":1}},
 * {@code {"isbn":"978..","member_id":7}}, with or without the JsonConverter schema wrapper): each
 * key column decoded as its row field is ({@link ColumnDecoder}), so a uuid, a date or a numeric
 * key is the same value as in the row. A record without a key cannot be placed in a table: only a
 * truncate comes without one, or with the key {@code {"op":"t"}} the recommended connector
 * config gives it; both decode to null.
 */
public final class RowKeyDecoder {

  private final ChangeTable<?> table;
  private final ChangeEventReader format;
  private final Schema rowSchema;

  public RowKeyDecoder(ChangeTable<?> table) {
    this(ChangeEventReader.json(), table);
  }

  /** The decoder of the configured source format ({@code denorm.source.format}; Avro through its registry). */
  public static RowKeyDecoder of(TopologySettings settings, ChangeTable<?> table) {
    return new RowKeyDecoder(ChangeEventReader.of(settings), table);
  }

  RowKeyDecoder(ChangeEventReader format, ChangeTable<?> table) {
    this.format = format;
    this.table = table;
    this.rowSchema = table.rowSchema();
  }

  /** The key; null for a record without one (a truncate has none; ChangeApplier rejects any other). */
  public RowKey decode(byte[] key) {
    if (key == null) {
      return null;
    }
    var event = format.read(key, "change event key");
    JsonNode payload = event.payload();
    if (isTruncateKey(payload)) {
      return null;
    }
    var columns = table.keyColumns();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      String column = columns.get(i);
      JsonNode value = payload.isObject() ? payload.get(column) : columns.size() == 1 ? payload : null;
      if (value == null || value.isNull()) {
        throw new MalformedChangeException("change event key of " + table.name() + " has no '" + column
            + "' (its key columns are " + columns + ")");
      }
      try {
        values[i] = ColumnDecoder.decode(column, value, rowSchema.getField(column).schema(),
            DebeziumJson.fieldSchema(event.schema(), column));
      } catch (ColumnDecoder.WrongJsonTypeException e) {
        throw new MalformedChangeException("change event key of " + table.name() + ": '" + column + "' " + e.getMessage());
      }
    }
    return RowKey.of(values);
  }

  /** The key the recommended connector config gives a truncate ({@code {"op":"t"}}, see TruncateEvent). */
  private boolean isTruncateKey(JsonNode payload) {
    return payload.isObject() && payload.size() == 1 && "t".equals(payload.path("op").asText(null))
        && !table.keyColumns().contains("op");
  }

  /** The record has no key at all. */
  public static final class MissingKeyException extends MalformedChangeException {
    public MissingKeyException() {
      super("change event has no key");
    }
  }
}
