package dev.denorm.cdc;

import dev.denorm.testing.Sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.cdc.fidelity.ProbeRow;
import dev.denorm.config.AppConfig;
import dev.denorm.tools.stack.CaptureStack;
import dev.denorm.testkit.TempDirs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the real Debezium connector sends, with the recommended config under REPLICA IDENTITY
 * DEFAULT, decoded and applied by denorm's change tables, equals what PostgreSQL holds: for a
 * column of every type PostgreSQL can TOAST (text, jsonb, bytea, bigint[], text[]), through a
 * snapshot read, inserts, updates that leave TOASTed columns out, updates to values equal to
 * Debezium's default placeholder, deletes and a TRUNCATE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourceFidelityIT {

  private static final String LITERAL = "__debezium_unavailable_value";
  private static final String TOPIC = "fid.fidelity.probe";
  private final Path dir = TempDirs.create("denorm-fidelity");
  private CaptureStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = CaptureStack.start(dir);
    try (var c = stack.connect()) {
      Sql.exec(c, "CREATE SCHEMA fidelity");
      Sql.exec(c, "CREATE TABLE fidelity.probe (id bigint PRIMARY KEY, label text NOT NULL, note text, doc jsonb,"
          + " data bytea, nums bigint[], tags text[])");
      for (String column : List.of("note", "doc", "data", "nums", "tags")) {
        Sql.exec(c, "ALTER TABLE fidelity.probe ALTER COLUMN " + column + " SET STORAGE EXTERNAL");
      }
      // read by the snapshot (op r): real values equal to Debezium's default placeholder
      Sql.exec(c, "INSERT INTO fidelity.probe VALUES (1, 'snapshot', '" + LITERAL + "', '\"" + LITERAL + "\"',"
          + " convert_to('" + LITERAL + "', 'UTF8'), '{95,95}', '{" + LITERAL + "}')");
    }
    stack.capture("fidelity", "fidelity.probe", "fid");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
    TempDirs.delete(dir);
  }

  @Test
  @Order(1)
  void shouldHoldExactlyWhatPostgresqlHoldsForEveryToastableTypeAndOp() throws Exception {
    try (var c = stack.connect()) {
      // inserts (op c): literal values, and values large enough to be stored out of line
      Sql.exec(c, "INSERT INTO fidelity.probe VALUES (2, 'insert', '" + LITERAL + "', '[\"" + LITERAL + "\"]',"
          + " convert_to('" + LITERAL + "', 'UTF8'), " + numbersOf(ToastPlaceholder.RECOMMENDED) + ", '{" + LITERAL + "}')");
      Sql.exec(c, "INSERT INTO fidelity.probe VALUES (3, 'toasted', " + big("text") + ", " + big("jsonb") + ", "
          + big("bytea") + ", " + big("bigint[]") + ", " + big("text[]") + ")");
      Sql.exec(c, "INSERT INTO fidelity.probe VALUES (4, 'doomed', 'x', '{}', '\\x00', '{1}', '{a}')");
      // updates (op u): of another column, so Debezium sends the placeholder for every TOASTed one
      Sql.exec(c, "UPDATE fidelity.probe SET label = 'toasted, relabelled' WHERE id = 3");
      // ...and to real values equal to Debezium's default placeholder
      Sql.exec(c, "UPDATE fidelity.probe SET note = '" + LITERAL + "', tags = '{" + LITERAL + "}', doc = '\"" + LITERAL + "\"'"
          + " WHERE id = 4");
      Sql.exec(c, "UPDATE fidelity.probe SET label = 'relabelled' WHERE id = 1");
      // a delete (op d, then a tombstone)
      Sql.exec(c, "DELETE FROM fidelity.probe WHERE id = 2");
    }
    var events = awaitEvents(8);
    assertThat(events).as("Debezium sent the placeholder for the unchanged TOASTed columns of row 3")
        .anyMatch(e -> e.value() != null && new String(e.value(), StandardCharsets.UTF_8).contains("unavailable\\u0000value"));

    assertThat(applied(events)).isEqualTo(database());
    // the snapshot's only row is its table's last: the snapshot hold's end mark hangs on this (SnapshotHold)
    var read = events.stream().filter(e -> e.value() != null
        && new String(e.value(), StandardCharsets.UTF_8).contains("\"op\":\"r\"")).findFirst().orElseThrow();
    var decoder = new ChangeEventDecoder<>(ChangeTable.of("probe", ProbeRow.class), ToastPlaceholder.RECOMMENDED, true);
    assertThat(decoder.decode(read.value()).snapshotEnd()).as("Debezium marked the last snapshot row").isTrue();
    // extended.headers.enabled=false: no context headers that every later hop would carry and size
    assertThat(events).allSatisfy(e -> assertThat(e.headers().toArray()).as("headers of offset %d", e.offset())
        .noneMatch(h -> h.key().startsWith("__debezium")));
  }

  @Test
  @Order(2)
  void shouldDeleteEveryRowOnATruncateAndKeepRowsAfterIt() throws Exception {
    int before = awaitEvents(1).size();
    try (var c = stack.connect()) {
      Sql.exec(c, "TRUNCATE fidelity.probe");
      Sql.exec(c, "INSERT INTO fidelity.probe VALUES (10, 'after the truncate', NULL, NULL, NULL, NULL, NULL)");
    }
    var events = awaitEvents(before + 2);
    assertThat(events).as("the truncate arrives keyed {\"op\":\"t\"}")
        .anyMatch(e -> e.key() != null && new String(e.key(), StandardCharsets.UTF_8).equals("{\"op\":\"t\"}"));

    assertThat(applied(events)).isEqualTo(database()).containsOnlyKeys(10L);
  }

  /** The rows denorm's change tables hold after these events, as comparable strings. */
  private Map<Long, String> applied(List<ConsumerRecord<byte[], byte[]>> events) {
    var config = AppConfig.from(Map.of("denorm.source.topic.prefix", "fid", "denorm.source.schema", "fidelity",
        "state.dir", dir.resolve("streams").toString()));
    Map<Long, String> rows = new TreeMap<>();
    ChangeTableReplay.apply(config, ChangeTable.of("probe", ProbeRow.class), events).forEach((id, row) -> rows.put(id, describe(row)));
    return rows;
  }

  private Map<Long, String> database() throws SQLException {
    Map<Long, String> rows = new TreeMap<>();
    try (var c = stack.connect(); var st = c.createStatement();
        var rs = st.executeQuery("SELECT id, label, note, doc::text, data, nums, tags FROM fidelity.probe")) {
      while (rs.next()) {
        var row = ProbeRow.newBuilder().setId(rs.getLong(1)).setLabel(rs.getString(2)).setNote(rs.getString(3))
            .setDoc(rs.getString(4)).setData(rs.getBytes(5) == null ? null : ByteBuffer.wrap(rs.getBytes(5)))
            .setNums(longs(rs.getArray(6))).setTags(strings(rs.getArray(7))).build();
        rows.put(row.getId(), describe(row));
      }
    }
    return rows;
  }

  private static String describe(ProbeRow row) {
    String data = row.getData() == null ? "null" : Arrays.toString(ChangeTableReplay.bytes(row.getData()));
    String doc = row.getDoc() == null ? "null" : ChangeTableReplay.normalizedJson(row.getDoc());
    return row.getLabel() + " | " + row.getNote() + " | " + doc + " | " + data + " | " + row.getNums() + " | " + row.getTags();
  }



  private static List<Long> longs(Array array) throws SQLException {
    return array == null ? null : Arrays.stream((Long[]) array.getArray()).toList();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? null : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
  }

  private static String numbersOf(String text) {
    var out = new StringBuilder("'{");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      out.append(i == 0 ? "" : ",").append(bytes[i]);
    }
    return out.append("}'").toString();
  }

  /** A value of the type big enough (about 13 kB, barely compressible) to be stored out of line. */
  private static String big(String type) {
    String text = "(SELECT string_agg(md5(i::text), '') FROM generate_series(1, 400) i)";
    return switch (type) {
      case "text" -> text;
      case "jsonb" -> "jsonb_build_object('k', " + text + ")";
      case "bytea" -> "convert_to(" + text + ", 'UTF8')";
      case "bigint[]" -> "(SELECT array_agg(('x' || md5(i::text))::bit(60)::bigint) FROM generate_series(1, 2000) i)";
      case "text[]" -> "(SELECT array_agg(md5(i::text)) FROM generate_series(1, 400) i)";
      default -> throw new IllegalArgumentException(type);
    };
  }

  private List<ConsumerRecord<byte[], byte[]>> awaitEvents(int atLeast) {
    return ChangeTableReplay.awaitEvents(stack.bootstrapServers(), TOPIC, atLeast);
  }

}
