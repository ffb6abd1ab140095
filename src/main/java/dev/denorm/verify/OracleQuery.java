package dev.denorm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.stack.ReferenceSchema;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The oracle of the built-in indexes: oracle.sql (src/main/resources/reference/), run on the
 * source database in one repeatable-read transaction (rolled back), so every index sees the same snapshot.
 */
public final class OracleQuery {

  public static final String RESOURCE = "/reference/oracle.sql";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OracleQuery() {}

  /** Expected documents: index name to (document id to document). */
  public static Map<String, Map<String, JsonNode>> expected(Connection connection) throws SQLException {
    var result = new TreeMap<String, Map<String, JsonNode>>();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (var st = connection.createStatement()) {
      st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      // the script defines pg_temp helper functions, then selects (index_name, doc_id, doc)
      boolean isResult = st.execute(ReferenceSchema.resource(RESOURCE));
      while (!isResult && st.getUpdateCount() != -1) {
        isResult = st.getMoreResults();
      }
      try (var rs = st.getResultSet()) {
        while (rs.next()) {
          result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), JSON.readTree(rs.getString(3)));
        }
      } catch (IOException e) {
        throw new SQLException("oracle returned a document that is not JSON", e);
      }
      connection.rollback(); // nothing to keep: the helpers are temporary
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return result;
  }
}
