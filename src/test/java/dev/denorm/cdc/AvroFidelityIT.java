package dev.denorm.cdc;

import dev.denorm.testing.Sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.cdc.fidelity.TypesRow;
import dev.denorm.config.AppConfig;
import dev.denorm.tools.stack.CaptureStack;
import dev.denorm.testkit.TempDirs;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two real connectors on one table with a column of every type whose encoding differs between
 * the formats (numeric with and without a scale, timestamptz, timestamp, date, time, uuid, jsonb,
 * an enum, bytea, text[]): one with the recommended JSON config, one with the Avro one through
 * Apicurio Registry. Applied by denorm's change tables, both give exactly PostgreSQL's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvroFidelityIT {

  private final Path dir = TempDirs.create("denorm-avro-fidelity");
  private CaptureStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = CaptureStack.start(dir, true);
    try (var c = stack.connect()) {
      Sql.exec(c, "CREATE SCHEMA fidelity");
      Sql.exec(c, "CREATE TYPE fidelity.mood AS ENUM ('sad', 'ok', 'happy')");
      Sql.exec(c, "CREATE TABLE fidelity.types (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, ratio numeric,"
          + " at_tz timestamptz NOT NULL, at timestamp, day date, clock time, uid uuid, doc jsonb, mood fidelity.mood,"
          + " data bytea, tags text[])");
      // read by the snapshot
      Sql.exec(c, "INSERT INTO fidelity.types VALUES (1, 1234.50, 3.14159, '2026-11-25T09:48:05.481828Z',"
          + " '2026-11-25 09:48:05.123456', '2026-11-25', '12:34:56.000123', '5f0c6d8e-2b0a-4e4f-9a57-3b8d2f6f1c11',"
          + " '{\"k\": [1, 2], \"s\": \"x\"}', 'happy', '\\x0001ff', '{a,NULL,\"b,c\"}')");
    }
    stack.capture("fid_json", "fidelity.types", "fj");
    stack.captureAvro("fid_avro", "fidelity.types", "fa");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
    TempDirs.delete(dir);
  }

  @Test
  void shouldGiveExactlyTheDatabasesRowsFromJsonAndFromAvroEvents() throws Exception {
    try (var c = stack.connect()) {
      Sql.exec(c, "INSERT INTO fidelity.types VALUES (2, 0.10, -0.00001, '1969-12-31T23:59:59.999999Z', '1900-01-01 00:00:00',"
          + " '0001-01-01', '23:59:59.999999', '00000000-0000-0000-0000-000000000000', '[]', 'sad', '\\x', '{}')");
      Sql.exec(c, "INSERT INTO fidelity.types (id, amount, at_tz) VALUES (3, 99999999.99, now())");
      Sql.exec(c, "UPDATE fidelity.types SET mood = 'ok', ratio = 12345678901234.5, doc = '\"text\"' WHERE id = 1");
      Sql.exec(c, "ALTER TABLE fidelity.types ADD COLUMN extra text");
      Sql.exec(c, "UPDATE fidelity.types SET extra = 'new schema version', amount = 1.00 WHERE id = 3");
    }
    var database = database();
    assertThat(database).hasSize(3);
    assertThat(applied("fj", "json", 5)).as("from JSON events").isEqualTo(database);
    assertThat(applied("fa", "avro", 5)).as("from Avro events").isEqualTo(database);
  }

  private Map<Long, String> applied(String prefix, String format, int events) {
    var config = AppConfig.from(Map.of("denorm.source.topic.prefix", prefix, "denorm.source.schema", "fidelity",
        "denorm.source.format", format, "denorm.source.registry.url", stack.registryUrl(),
        "state.dir", dir.resolve("streams-" + format).toString()));
    var table = ChangeTable.of("types", TypesRow.class);
    var topicEvents = ChangeTableReplay.awaitEvents(stack.bootstrapServers(), config.topology().changeTopic("types"), events);
    Map<Long, String> rows = new TreeMap<>();
    ChangeTableReplay.apply(config, table, topicEvents).forEach((id, row) -> rows.put(id, describe(row)));
    return rows;
  }

  private Map<Long, String> database() throws SQLException {
    Map<Long, String> rows = new TreeMap<>();
    try (var c = stack.connect(); var st = c.createStatement();
        var rs = st.executeQuery("SELECT id, amount, ratio, at_tz, at, day, clock, uid::text, doc::text, mood::text, data, tags"
            + " FROM fidelity.types")) {
      while (rs.next()) {
        var row = TypesRow.newBuilder().setId(rs.getLong(1)).setAmount(rs.getBigDecimal(2))
            .setRatio(rs.getBigDecimal(3) == null ? null : rs.getBigDecimal(3).setScale(5))
            .setAtTz(rs.getObject(4, OffsetDateTime.class).toInstant())
            .setAt(rs.getObject(5, LocalDateTime.class) == null ? null : rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC))
            .setDay(rs.getObject(6, LocalDate.class)).setClock(rs.getObject(7, LocalTime.class))
            .setUid(rs.getString(8)).setDoc(rs.getString(9)).setMood(rs.getString(10))
            .setData(rs.getBytes(11) == null ? null : ByteBuffer.wrap(rs.getBytes(11)))
            .setTags(rs.getArray(12) == null ? null : Arrays.asList((String[]) rs.getArray(12).getArray()))
            .build();
        rows.put(row.getId(), describe(row));
      }
    }
    return rows;
  }

  private static String describe(TypesRow row) {
    return String.join(" | ", List.of(row.getAmount().toPlainString(), plain(row.getRatio()), row.getAtTz().toString(),
        String.valueOf(row.getAt()), String.valueOf(row.getDay()), String.valueOf(row.getClock()), String.valueOf(row.getUid()),
        row.getDoc() == null ? "null" : ChangeTableReplay.normalizedJson(row.getDoc()), String.valueOf(row.getMood()),
        row.getData() == null ? "null" : Arrays.toString(ChangeTableReplay.bytes(row.getData())), String.valueOf(row.getTags())));
  }

  private static String plain(BigDecimal value) {
    return value == null ? "null" : value.toPlainString();
  }



}
