package dev.denorm.cdc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the primary key from a Debezium change event key ({@code {"id":1}}, with or without the
 * JsonConverter schema wrapper). A record without a key cannot be placed in a table.
 */
public final class RowKeyDecoder {

  private final String keyColumn;

  public RowKeyDecoder(String keyColumn) {
    this.keyColumn = keyColumn;
  }

  public Long decode(byte[] key) {
    if (key == null) {
      throw new MissingKeyException();
    }
    JsonNode payload = DebeziumJson.read(key, "change event key").payload();
    JsonNode id = payload.isObject() ? payload.get(keyColumn) : payload;
    if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
      throw new MalformedChangeException("change event key has no integer '" + keyColumn + "'");
    }
    return id.longValue();
  }

  /** The record has no key at all. */
  public static final class MissingKeyException extends MalformedChangeException {
    MissingKeyException() {
      super("change event has no key");
    }
  }
}
