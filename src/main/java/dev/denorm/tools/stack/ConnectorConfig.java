package dev.denorm.tools.stack;

import dev.denorm.index.Indexes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashSet;

/**
 * The recommended Debezium connector configuration, src/main/resources/connector/debezium-postgres.json,
 * exactly as a user registers it, with the database address patched in for a given PostgreSQL.
 */
public final class ConnectorConfig {

  public static final String RESOURCE = "/connector/debezium-postgres.json";
  /** The same with Avro converters (Apicurio's, Confluent wire format) and exact decimals. */
  public static final String AVRO_RESOURCE = "/connector/debezium-postgres-avro.json";
  private static final String[] REGISTRY_URL_KEYS = {"key.converter.apicurio.registry.url", "value.converter.apicurio.registry.url"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectorConfig() {}

  /** The file's content, unchanged. */
  public static ObjectNode recommended() {
    return read(RESOURCE);
  }

  /** The Avro file's content, unchanged. */
  public static ObjectNode recommendedAvro() {
    return read(AVRO_RESOURCE);
  }

  /** The Avro config pointed at a database and at a registry's Apicurio API (e.g. http://host:8080/apis/registry/v2). */
  public static ObjectNode forDatabaseWithAvro(String jdbcUrl, String user, String password, String topicPrefix,
      String apicurioUrl) {
    var config = patch(recommendedAvro(), jdbcUrl, user, password, topicPrefix);
    for (String key : REGISTRY_URL_KEYS) {
      config.put(key, apicurioUrl);
    }
    return config;
  }

  private static ObjectNode read(String resource) {
    try (var in = ConnectorConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The connector's {@code table.include.list} for the tables the indexes read: derived, so a new
   * table of an index is captured without editing the connector file (whose list is the shop's).
   * Debezium's PostgreSQL connector snapshots the tables one after the other in this list's order,
   * so the list starts with the tables of the index that reads the fewest, then adds those of the
   * next fewest, and so on: that index's documents are complete, and written, while the others'
   * tables are still being read (the shop: products, then customers, addresses, orders, then
   * order_lines). Ties keep the order of {@code denorm.indexes}.
   */
  public static String tableIncludeList(String schema, Indexes indexes) {
    var tables = new LinkedHashSet<String>();
    indexes.all().stream().sorted(Comparator.comparingInt(index -> index.plan().tables().size()))
        .forEach(index -> index.plan().tables().forEach(t -> tables.add(schema + "." + t.name())));
    return String.join(",", tables);
  }

  /**
   * The recommended config pointed at a database.
   *
   * @param jdbcUrl jdbc:postgresql://host:port/db
   * @param topicPrefix must equal denorm.source.topic.prefix
   */
  public static ObjectNode forDatabase(String jdbcUrl, String user, String password, String topicPrefix) {
    return patch(recommended(), jdbcUrl, user, password, topicPrefix);
  }

  private static ObjectNode patch(ObjectNode config, String jdbcUrl, String user, String password, String topicPrefix) {
    var uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    config.put("database.hostname", uri.getHost());
    config.put("database.port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
    config.put("database.dbname", uri.getPath().replaceFirst("^/", ""));
    config.put("database.user", user);
    config.put("database.password", password);
    config.put("topic.prefix", topicPrefix);
    return config;
  }
}
