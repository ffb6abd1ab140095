package dev.denorm.cdc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the primary key from a Debezium change event key ({@code {"id":1}}, with or without the
 * JsonConverter schema wrapper). A record without a key cannot be placed in a table: only a
 * truncate comes without one, or with the key {@code {"op":"t"}} the recommended connector
 * config gives it; both decode to null.
 */
public final class RowKeyDecoder {

  private final String keyColumn;
  private final ChangeEventReader format;

  public RowKeyDecoder(String keyColumn) {
    this(ChangeEventReader.json(), keyColumn);
  }

  RowKeyDecoder(ChangeEventReader format, String keyColumn) {
    this.format = format;
    this.keyColumn = keyColumn;
  }

  /** The key; null for a record without one (a truncate has none; ChangeApplier rejects any other). */
  public Long decode(byte[] key) {
    if (key == null) {
      return null;
    }
    JsonNode payload = format.read(key, "change event key").payload();
    if (isTruncateKey(payload)) {
      return null;
    }
    JsonNode id = payload.isObject() ? payload.get(keyColumn) : payload;
    if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
      throw new MalformedChangeException("change event key has no integer '" + keyColumn + "'");
    }
    return id.longValue();
  }

  /** The key the recommended connector config gives a truncate ({@code {"op":"t"}}, see TruncateEvent). */
  private boolean isTruncateKey(JsonNode payload) {
    return payload.isObject() && payload.size() == 1 && "t".equals(payload.path("op").asText(null)) && !keyColumn.equals("op");
  }

  /** The record has no key at all. */
  public static final class MissingKeyException extends MalformedChangeException {
    public MissingKeyException() {
      super("change event has no key");
    }
  }
}
