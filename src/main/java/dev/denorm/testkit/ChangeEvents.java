package dev.denorm.testkit;

import java.io.IOException;
import dev.denorm.cdc.ToastPlaceholder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.Map;

/**
 * Debezium change events as the JsonConverter writes them with schemas.enable=false and
 * decimal.handling.mode=string (the recommended connector settings): key the key columns
 * ({"id":..}, {"isbn":..,"member_id":..}), value the full envelope. Rows are column maps with values in Debezium's JSON encoding.
 */
public final class ChangeEvents {

  /** The placeholder the recommended connector config sets for an unchanged TOASTed column. */
  public static final String TOAST = ToastPlaceholder.RECOMMENDED;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ChangeEvents() {}

  public static byte[] key(long id) {
    return json(Map.of("id", id));
  }

  /** A key of these key columns and values, in key order. */
  public static byte[] key(Map<String, ?> key) {
    return json(debezium(key));
  }

  /** The row with Java values in Debezium's JSON encoding (see the class comment); null for null. */
  private static Map<String, Object> debezium(Map<String, ?> row) {
    if (row == null) {
      return null;
    }
    var encoded = new LinkedHashMap<String, Object>();
    row.forEach((column, value) -> encoded.put(column, switch (value) {
      case LocalDate date -> date.toEpochDay();
      case Instant instant -> instant.toString();
      case UUID uuid -> uuid.toString();
      case BigDecimal decimal -> decimal.toPlainString();
      case null, default -> value;
    }));
    return encoded;
  }

  public static byte[] create(String table, Map<String, ?> row) {
    return envelope(table, "c", null, row);
  }

  public static byte[] snapshot(String table, Map<String, ?> row) {
    return envelope(table, "r", null, row);
  }

  /** The last row the connector's snapshot reads of the table: {@code source.snapshot} last_in_data_collection. */
  public static byte[] snapshotLast(String table, Map<String, ?> row) {
    return snapshot(table, row, "last_in_data_collection");
  }

  /** A snapshot read with this {@code source.snapshot} mark (true, first, last_in_data_collection, last, ...). */
  public static byte[] snapshot(String table, Map<String, ?> row, String mark) {
    ObjectNode value = (ObjectNode) readTree(envelope(table, "r", null, row));
    ((ObjectNode) value.get("source")).put("snapshot", mark);
    return bytes(value);
  }

  /**
   * The event as the connector streams it in a transaction that began after the commit at {@code
   * previousCommit}: PostgreSQL's {@code source.sequence}, {@code ["<previousCommit>","<lsn>"]}.
   */
  public static byte[] streamedAfter(byte[] event, long previousCommit) {
    ObjectNode value = (ObjectNode) readTree(event);
    ((ObjectNode) value.get("source")).put("sequence", "[\"" + previousCommit + "\",\"" + (previousCommit + 1) + "\"]");
    return bytes(value);
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] update(String table, Map<String, ?> row) {
    return envelope(table, "u", null, row);
  }

  /** A delete under REPLICA IDENTITY DEFAULT: before holds the key, other columns type defaults. */
  public static byte[] delete(String table, long id) {
    var before = new LinkedHashMap<String, Object>();
    before.put("id", id);
    before.put("customer_id", 0);
    return envelope(table, "d", before, null);
  }

  /** A delete under REPLICA IDENTITY DEFAULT of the row with these key columns: before holds only them. */
  public static byte[] delete(String table, Map<String, ?> key) {
    return envelope(table, "d", key, null);
  }

  /** The key the recommended connector config gives a truncate event (Debezium sends none). */
  public static byte[] truncateKey() {
    return json(Map.of("op", "t"));
  }

  public static byte[] truncate(String table) {
    ObjectNode value = MAPPER.createObjectNode();
    value.putNull("before");
    value.putNull("after");
    value.set("source", source(table));
    value.put("op", "t");
    return bytes(value);
  }

  public static byte[] envelope(String table, String op, Map<String, ?> before, Map<String, ?> after) {
    ObjectNode value = MAPPER.createObjectNode();
    value.set("before", MAPPER.valueToTree(debezium(before)));
    value.set("after", MAPPER.valueToTree(debezium(after)));
    value.set("source", source(table));
    value.put("op", op);
    value.put("ts_ms", 1795603700895L);
    value.putNull("transaction");
    return bytes(value);
  }

  private static ObjectNode source(String table) {
    ObjectNode source = MAPPER.createObjectNode();
    source.put("version", "3.7.0.Final").put("connector", "postgresql").put("name", "pg")
        .put("db", "postgres").put("schema", "shop").put("table", table).put("snapshot", "false");
    return source;
  }

  public static byte[] json(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
