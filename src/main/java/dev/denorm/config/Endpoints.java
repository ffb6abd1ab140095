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

  /** A psql connection string (password left out, one in the URL masked). */
  public String psql() {
    var rest = jdbcUrl.substring("jdbc:postgresql://".length());
    return "psql postgresql://" + postgresUser + "@" + Secrets.redact(rest);
  }

  @Override
  public String toString() {
    return "Endpoints[jdbcUrl=" + Secrets.redact(jdbcUrl) + ", postgresUser=" + postgresUser + ", postgresPassword="
        + postgresPassword + ", bootstrapServers=" + bootstrapServers + ", connectUrl=" + connectUrl + ", searchUrl="
        + searchUrl + ", registryUrl=" + registryUrl + "]";
  }

  /** Lines for the console, one per endpoint; never shows the password (one in the JDBC URL is masked). */
  public String describe() {
    return String.join(System.lineSeparator(),
        "  PostgreSQL      " + Secrets.redact(jdbcUrl) + " (user " + postgresUser + ")",
        "  Kafka           " + bootstrapServers,
        "  Kafka Connect   " + connectUrl,
        "  Search engine   " + searchUrl)
        + (registryUrl.isEmpty() ? "" : System.lineSeparator() + "  Schema registry " + registryUrl);
  }
}
