package dev.denorm.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.kafka.common.config.types.Password;

/**
 * Where each part of the stack answers, embedded or external.
 *
 * @param connectUrl Connect's REST URL
 * @param searchUrl the search engine's HTTP URL
 * @param registryUrl the schema registry's Confluent-compatible API, empty without Avro
 */
public record Endpoints(
    String jdbcUrl, String postgresUser, Password postgresPassword,
    String bootstrapServers, String connectUrl, String searchUrl, String registryUrl) {

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, postgresUser, postgresPassword.value());
  }

  /** A psql connection string (password left out). */
  public String psql() {
    var rest = jdbcUrl.substring("jdbc:postgresql://".length());
    return "psql postgresql://" + postgresUser + "@" + rest;
  }

  /** Lines for the console, one per endpoint; never shows the password. */
  public String describe() {
    return String.join(System.lineSeparator(),
        "  PostgreSQL      " + jdbcUrl + " (user " + postgresUser + ")",
        "  Kafka           " + bootstrapServers,
        "  Kafka Connect   " + connectUrl,
        "  Search engine   " + searchUrl)
        + (registryUrl.isEmpty() ? "" : System.lineSeparator() + "  Schema registry " + registryUrl);
  }
}
