package dev.denorm.testing;

import dev.denorm.index.Indexes;
import dev.denorm.testkit.IndexTestDriver;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A database's rows fed to an {@link IndexTestDriver} as inserts, in Debezium's JSON encoding
 * (numeric as a string, timestamptz as ISO-8601 UTC, arrays as lists, char(n) padded): the
 * production assembly of whatever a database holds, without a connector or a broker.
 */
public final class DatabaseRows {

  private DatabaseRows() {}

  /**
   * Inserts every row of every table the indexes read (from {@code schema}), then lets emit
   * intervals pass until one writes no document.
   */
  public static void insertAll(Connection connection, String schema, Indexes indexes, IndexTestDriver driver)
      throws SQLException {
    for (var table : indexes.tables()) {
      try (var st = connection.createStatement();
          var rs = st.executeQuery("SELECT * FROM " + schema + "." + table.name() + " ORDER BY id")) {
        while (rs.next()) {
          driver.insert(table.name(), row(rs));
        }
      }
    }
    int written;
    do {
      written = written(indexes, driver);
      driver.emit();
    } while (written(indexes, driver) > written);
  }

  private static int written(Indexes indexes, IndexTestDriver driver) {
    return indexes.names().stream().mapToInt(index -> driver.writes(index).size()).sum();
  }

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    var meta = rs.getMetaData();
    var row = new LinkedHashMap<String, Object>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object value = rs.getObject(i);
      row.put(meta.getColumnName(i), value == null ? null : switch (meta.getColumnTypeName(i)) {
        case "numeric" -> rs.getBigDecimal(i).toPlainString();
        case "timestamptz" -> rs.getObject(i, OffsetDateTime.class).toInstant().toString();
        default -> value instanceof Array array ? Arrays.asList((Object[]) array.getArray()) : value;
      });
    }
    return row;
  }
}
