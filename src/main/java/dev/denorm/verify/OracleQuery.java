package dev.denorm.verify;

import java.sql.ResultSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the source database says the documents are: each index's oracle SQL
 * ({@link DocumentIndex#oracleSql()}), all run in one repeatable-read transaction (rolled back),
 * so every index is judged against the same snapshot. The functions of OracleFunctions.sql (next
 * to this class) are created first, so an oracle SQL may use them.
 */
public final class OracleQuery {

  /** Functions every oracle SQL may use (pg_temp.ts), created in its transaction before it runs. */
  private static final String FUNCTIONS = Objects.requireNonNull(
      DocumentIndex.sqlNextTo(OracleQuery.class, "OracleFunctions.sql"), "OracleFunctions.sql is not on the classpath");
  private static final ObjectMapper JSON = new ObjectMapper();

  private OracleQuery() {}

  /** Expected documents of the indexes that have an oracle SQL: index name to (document id to document). */
  public static Map<String, Map<String, JsonNode>> expected(Connection connection, Indexes indexes) throws SQLException {
    return inSnapshot(connection, st -> {
      var result = new TreeMap<String, Map<String, JsonNode>>();
      for (DocumentIndex<?> index : indexes.all()) {
        String sql = index.oracleSql();
        if (sql != null) {
          result.put(index.name(), run(st, sql, index.name()));
        }
      }
      return result;
    });
  }

  /** Hears an index's expected documents one by one, as the oracle's cursor delivers them. */
  public interface Visitor {
    void index(DocumentIndex<?> index) throws IOException;

    void document(String id, JsonNode document) throws IOException;

    void end(DocumentIndex<?> index) throws IOException;
  }

  /**
   * Streams each index's oracle (those that have one) through a cursor of 1000 rows, all in one
   * repeatable-read snapshot: memory stays bounded whatever the size of the database.
   */
  public static void forEach(Connection connection, Indexes indexes, Visitor visitor) throws SQLException, IOException {
    try {
      inSnapshot(connection, st -> {
        st.setFetchSize(1000);
        for (DocumentIndex<?> index : indexes.all()) {
          String sql = index.oracleSql();
          if (sql == null) {
            continue;
          }
          try {
            visitor.index(index);
            try (var rs = resultOf(st, sql)) {
              if (rs.getMetaData().getColumnCount() != 2) {
                throw new SQLException("the oracle SQL of index " + index.name() + " must select (doc_id, doc), not "
                    + rs.getMetaData().getColumnCount() + " columns");
              }
              while (rs.next()) {
                visitor.document(rs.getString(1), json(rs.getString(2), index.name()));
              }
            }
            visitor.end(index);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (SQLException e) {
            throw new SQLException("the oracle SQL of index " + index.name() + " failed: " + e.getMessage(),
                e.getSQLState(), e);
          }
        }
        return null;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private interface InSnapshot<T> {
    T run(Statement statement) throws SQLException;
  }

  private static <T> T inSnapshot(Connection connection, InSnapshot<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (var st = connection.createStatement()) {
      st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      st.execute(FUNCTIONS);
      T result = work.run(st);
      connection.rollback(); // nothing to keep: helpers are temporary
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static Map<String, JsonNode> run(Statement st, String sql, String index) throws SQLException {
    var docs = new TreeMap<String, JsonNode>();
    try (var rs = resultOf(st, sql)) {
      if (rs.getMetaData().getColumnCount() != 2) {
        throw new SQLException("the oracle SQL of index " + index + " must select (doc_id, doc), not "
            + rs.getMetaData().getColumnCount() + " columns");
      }
      while (rs.next()) {
        docs.put(rs.getString(1), json(rs.getString(2), index));
      }
    } catch (SQLException e) {
      throw new SQLException("the oracle SQL of index " + index + " failed: " + e.getMessage(), e.getSQLState(), e);
    }
    return docs;
  }

  /** Executes a script and returns its first result set (its helpers come before the select). */
  private static ResultSet resultOf(Statement st, String script) throws SQLException {
    boolean isResult = st.execute(script);
    while (!isResult && st.getUpdateCount() != -1) {
      isResult = st.getMoreResults();
    }
    if (!isResult) {
      throw new SQLException("the script selects nothing");
    }
    return st.getResultSet();
  }

  private static JsonNode json(String doc, String where) throws SQLException {
    try {
      return JSON.readTree(doc);
    } catch (IOException e) {
      throw new SQLException("the oracle of " + where + " returned a document that is not JSON", e);
    }
  }
}
