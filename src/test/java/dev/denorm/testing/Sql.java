package dev.denorm.testing;

import java.sql.Connection;
import java.sql.SQLException;

/** One SQL statement on a test's connection; a failure names the statement. */
public final class Sql {

  private Sql() {}

  public static void exec(Connection c, String sql) {
    try (var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
