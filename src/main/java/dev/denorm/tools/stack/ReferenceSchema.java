package dev.denorm.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/** The reference shop schema (src/main/resources/reference/schema.sql), created once. */
public final class ReferenceSchema {

  private ReferenceSchema() {}

  /** Creates the shop schema unless its tables exist already; true when it created them. */
  public static boolean ensure(Connection connection) throws SQLException {
    try (var st = connection.createStatement();
        var rs = st.executeQuery("SELECT to_regclass('shop.customers') IS NOT NULL")) {
      rs.next();
      if (rs.getBoolean(1)) {
        return false;
      }
    }
    try (var st = connection.createStatement()) {
      st.execute(resource("/reference/schema.sql"));
    }
    return true;
  }

  public static String resource(String name) {
    try (var in = ReferenceSchema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
