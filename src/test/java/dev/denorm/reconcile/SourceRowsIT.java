package dev.denorm.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.cdc.RowKey;
import dev.denorm.testing.Sql;
import dev.denorm.tools.stack.TestParts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The delete pass's questions to a real PostgreSQL, over the key types denorm takes: each value sent
 * as text and cast to its column's type, more keys than one query asks, and a condition for the
 * snapshot signal that selects exactly the keys it names.
 */
class SourceRowsIT {

  @Test
  void shouldFindTheKeysATableLacksAndNameThemInAConditionForEveryKeyType() throws Exception {
    String[] url = new String[1];
    try (var postgres = TestParts.postgres(u -> url[0] = u);
        Connection c = DriverManager.getConnection(url[0], "postgres", "postgres")) {
      Sql.exec(c, "CREATE SCHEMA s");
      Sql.exec(c, "CREATE TABLE s.numbered (id bigint PRIMARY KEY)");
      Sql.exec(c, "INSERT INTO s.numbered SELECT generate_series(1, 2500)");
      Sql.exec(c, "DELETE FROM s.numbered WHERE id IN (7, 1500, 2500)");
      Sql.exec(c, "CREATE TABLE s.\"Loans\" (isbn varchar(20), member_id int, since date, at timestamptz, "
          + "PRIMARY KEY (isbn, member_id, since, at))");
      Sql.exec(c, "INSERT INTO s.\"Loans\" VALUES ('978-0', 1, '2024-05-01', '2024-05-01T10:00:00Z'), "
          + "('O''Brien', 2, '2024-05-02', '2024-05-02T00:00:00.5Z')");
      Sql.exec(c, "CREATE TABLE s.tokens (id uuid PRIMARY KEY, amount numeric(10,2))");
      var kept = UUID.randomUUID();
      var gone = UUID.randomUUID();
      Sql.exec(c, "INSERT INTO s.tokens VALUES ('" + kept + "', 1)");

      var numbered = SourceRows.of(c, "s", "numbered", List.of("id"));
      var keys = new ArrayList<RowKey>();
      LongStream.rangeClosed(1, 2600).forEach(id -> keys.add(RowKey.of(id)));
      assertThat(numbered.absent(keys)).extracting(RowKey::text).startsWith("7", "1500", "2500", "2501").hasSize(103);
      assertThat(count(c, "s.numbered", numbered.condition(List.of(RowKey.of(1L), RowKey.of(7L), RowKey.of(9L))))).isEqualTo(2);

      var loans = SourceRows.of(c, "s", "Loans", List.of("isbn", "member_id", "since", "at"));
      var there = RowKey.of("O'Brien", 2L, LocalDate.parse("2024-05-02"), Instant.parse("2024-05-02T00:00:00.500Z"));
      var other = RowKey.of("978-0", 1L, LocalDate.parse("2024-05-01"), Instant.parse("2024-05-01T10:00:00Z"));
      var missing = RowKey.of("978-0", 1L, LocalDate.parse("2024-05-01"), Instant.parse("2024-05-01T10:00:01Z"));
      assertThat(loans.absent(List.of(there, missing, other))).containsExactly(missing);
      assertThat(count(c, "s.\"Loans\"", loans.condition(List.of(there, missing)))).isEqualTo(1);

      var tokens = SourceRows.of(c, "s", "tokens", List.of("id"));
      assertThat(tokens.absent(List.of(RowKey.of(kept.toString()), RowKey.of(gone.toString()))))
          .containsExactly(RowKey.of(gone.toString()));

      assertThatThrownBy(() -> SourceRows.of(c, "s", "nothing", List.of("id"))).hasMessageContaining("no table s.nothing");
      assertThatThrownBy(() -> SourceRows.of(c, "s", "tokens", List.of("code")))
          .hasMessageContaining("has no column [code] of its key [code]");
    }
  }

  private static long count(Connection c, String table, String condition) throws Exception {
    try (var query = c.createStatement(); var rows = query.executeQuery("SELECT count(*) FROM " + table + " WHERE " + condition)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
