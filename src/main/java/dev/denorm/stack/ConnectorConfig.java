package dev.denorm.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The recommended Debezium connector configuration, src/main/resources/connector/debezium-postgres.json,
 * exactly as a user registers it, with the database address patched in for a given PostgreSQL.
 */
public final class ConnectorConfig {

  public static final String RESOURCE = "/connector/debezium-postgres.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectorConfig() {}

  /** The file's content, unchanged. */
  public static ObjectNode recommended() {
    try (var in = ConnectorConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The connector's {@code table.include.list} for the tables the indexes read: derived, so a new
   * table of an index is captured without editing the connector file (whose list is the shop's).
   */
  public static String tableIncludeList(String schema, dev.denorm.index.Indexes indexes) {
    return String.join(",", indexes.tables().stream().map(t -> schema + "." + t.name()).toList());
  }

  /**
   * The recommended config pointed at a database.
   *
   * @param jdbcUrl jdbc:postgresql://host:port/db
   * @param topicPrefix must equal denorm.source.topic.prefix
   */
  public static ObjectNode forDatabase(String jdbcUrl, String user, String password, String topicPrefix) {
    var uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    var config = recommended();
    config.put("database.hostname", uri.getHost());
    config.put("database.port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
    config.put("database.dbname", uri.getPath().replaceFirst("^/", ""));
    config.put("database.user", user);
    config.put("database.password", password);
    config.put("topic.prefix", topicPrefix);
    return config;
  }
}
