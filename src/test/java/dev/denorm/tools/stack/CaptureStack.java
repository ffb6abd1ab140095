package dev.denorm.tools.stack;

import dev.denorm.capture.ConnectorRegistration;
import java.util.Map;
import java.sql.SQLException;
import java.sql.DriverManager;
import java.sql.Connection;
import dev.denorm.config.AppConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The capture half of the stack for tests of what Debezium really sends: PostgreSQL with logical
 * decoding, a broker and a Connect worker with Debezium, each on a free port, no application and
 * no search engine. {@link #capture} registers the recommended connector for tables of one's own.
 */
public final class CaptureStack implements AutoCloseable {

  private final LocalPostgres postgres;
  private final LocalKafka kafka;
  private final LocalConnect connect;
  private final LocalRegistry registry;

  private CaptureStack(LocalPostgres postgres, LocalKafka kafka, LocalConnect connect, LocalRegistry registry) {
    this.postgres = postgres;
    this.kafka = kafka;
    this.connect = connect;
    this.registry = registry;
  }

  public static CaptureStack start(Path dir) {
    return start(dir, false);
  }

  /** @param withRegistry also Apicurio Registry, for connectors that write Avro ({@link #captureAvro}) */
  public static CaptureStack start(Path dir, boolean withRegistry) {
    LocalPostgres postgres = null;
    LocalKafka kafka = null;
    LocalRegistry registry = null;
    try {
      if (withRegistry) {
        registry = LocalRegistry.start(AppConfig.from(Map.of()).stack().registryHome(),
            dir.resolve("registry.log"));
      }
      postgres = LocalPostgres.start(0, Optional.empty());
      kafka = LocalKafka.start(0, 0, dir.resolve("kafka"));
      return new CaptureStack(postgres, kafka, LocalConnect.start(kafka.bootstrapServers(), 0), registry);
    } catch (RuntimeException | Error e) {
      closeQuietly(kafka);
      closeQuietly(postgres);
      closeQuietly(registry);
      throw e;
    }
  }

  /** The registry's Confluent-compatible API (denorm.source.registry.url). */
  public String registryUrl() {
    return registry.confluentUrl();
  }

  public String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
  }

  /**
   * Registers the recommended connector config for these tables ({@code schema.table,...}) with this
   * topic prefix, then applies the changes to it ({@code key, value, ...} over the recommended file).
   */
  public void capture(String name, String tables, String topicPrefix, String... overrides) throws Exception {
    register(name, ConnectorConfig.forDatabase(jdbcUrl(), "postgres", "postgres", topicPrefix), tables, overrides);
  }

  /** The same with the recommended Avro config, writing to this stack's registry. */
  public void captureAvro(String name, String tables, String topicPrefix, String... overrides) throws Exception {
    register(name, ConnectorConfig.forDatabaseWithAvro(jdbcUrl(), "postgres", "postgres", topicPrefix,
        registry.apicurioUrl()), tables, overrides);
  }

  private void register(String name, ObjectNode config, String tables, String... overrides) throws Exception {
    config.put("table.include.list", tables);
    config.put("slot.name", name);
    config.put("publication.name", name);
    for (int i = 0; i < overrides.length; i += 2) {
      config.put(overrides[i], overrides[i + 1]);
    }
    new ConnectorRegistration(connect.restUrl()).register(name, config, Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    closeQuietly(connect);
    closeQuietly(kafka);
    closeQuietly(postgres);
    closeQuietly(registry);
  }

  private static void closeQuietly(AutoCloseable part) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (Exception e) {
      // closing the rest matters more
    }
  }
}
