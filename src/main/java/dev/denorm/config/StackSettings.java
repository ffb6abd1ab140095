package dev.denorm.config;

import org.apache.kafka.common.config.ConfigException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * The parts around the application: PostgreSQL, Kafka, Kafka Connect and the search engine.
 * Each part is started embedded (bound to 127.0.0.1) unless its external endpoint is set; Kafka
 * is external as soon as {@code bootstrap.servers} is given, the search engine as soon as
 * {@code denorm.sink.hosts} is.
 */
public record StackSettings(
    Optional<Path> dataDir,
    Optional<String> postgresUrl,
    String postgresUser,
    Password postgresPassword,
    int postgresPort,
    boolean kafkaExternal,
    int kafkaPort,
    int kafkaControllerPort,
    Optional<String> connectUrl,
    HttpAccess connectAccess,
    int connectPort,
    int connectOffsetFlushMs,
    String connectorName,
    String connectOffsetsTopic,
    Optional<String> searchUrl,
    int searchPort,
    int demoCustomers,
    Path registryHome) {

  public static final String DATA_DIR = "denorm.stack.data.dir";
  public static final String POSTGRES_URL = "denorm.stack.postgres.url";
  public static final String POSTGRES_USER = "denorm.stack.postgres.user";
  public static final String POSTGRES_PASSWORD = "denorm.stack.postgres.password";
  public static final String POSTGRES_PORT = "denorm.stack.postgres.port";
  public static final String KAFKA_PORT = "denorm.stack.kafka.port";
  public static final String KAFKA_CONTROLLER_PORT = "denorm.stack.kafka.controller.port";
  public static final String CONNECT_URL = "denorm.stack.connect.url";
  public static final String CONNECT_PORT = "denorm.stack.connect.port";
  public static final String CONNECT_OFFSET_FLUSH_MS = "denorm.stack.connect.offset.flush.ms";
  /** Prefix of Connect's basic auth and TLS keys: see {@link HttpAccess}. */
  public static final String CONNECT_PREFIX = "denorm.stack.connect.";
  public static final String CONNECT_USERNAME = CONNECT_PREFIX + "username";
  public static final String CONNECT_PASSWORD = CONNECT_PREFIX + "password";
  public static final String CONNECTOR_NAME = "denorm.stack.connector.name";
  public static final String CONNECT_OFFSETS_TOPIC = "denorm.stack.connect.offsets.topic";
  public static final String SEARCH_PORT = "denorm.stack.search.port";
  public static final String DEMO_CUSTOMERS = "denorm.demo.customers";
  public static final String REGISTRY_HOME = "denorm.stack.registry.home";

  static void define(ConfigDef def) {
    var port = Range.between(0, 65535);
    def.define(DATA_DIR, Type.STRING, "", Importance.MEDIUM,
            "Directory of the embedded parts' data. Empty: a temporary directory, deleted at stop. "
                + "Set: kept, and a restart continues with the same data.")
        .define(POSTGRES_URL, Type.STRING, "", Secrets.noUserInfo("set " + POSTGRES_USER + " and " + POSTGRES_PASSWORD), Importance.HIGH,
            "JDBC URL of an external PostgreSQL (jdbc:postgresql://host:port/db). Empty: embedded PostgreSQL. User info"
                + " (user:password@) is refused; a password=... parameter is masked wherever the URL is printed, but"
                + " " + POSTGRES_PASSWORD + " is the place for it.")
        .define(POSTGRES_USER, Type.STRING, "postgres", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
            "PostgreSQL user for the connector, the demo and verify.")
        .define(POSTGRES_PASSWORD, Type.PASSWORD, "postgres", Importance.MEDIUM,
            "PostgreSQL password (never logged; from a file: DENORM_STACK_POSTGRES_PASSWORD_FILE or a config provider).")
        .define(POSTGRES_PORT, Type.INT, 0, port, Importance.LOW,
            "Port of the embedded PostgreSQL; 0 picks a free one.")
        .define(KAFKA_PORT, Type.INT, 0, port, Importance.LOW,
            "Port of the embedded Kafka broker's listener; 0 picks a free one. "
                + "Setting bootstrap.servers uses an external Kafka instead.")
        .define(KAFKA_CONTROLLER_PORT, Type.INT, 0, port, Importance.LOW,
            "Port of the embedded broker's KRaft controller listener; 0 picks a free one.")
        .define(CONNECT_URL, Type.STRING, "", Secrets.noUserInfo("denorm sends no credentials to Connect"),
            Importance.HIGH, "REST URL of an external Kafka Connect worker, without user info. Empty: an embedded worker"
                + " with Debezium.")
        .define(CONNECT_PORT, Type.INT, 0, port, Importance.LOW,
            "REST port of the embedded Connect worker; 0 picks a free one.")
        .define(CONNECT_OFFSET_FLUSH_MS, Type.INT, 1000, Range.between(50, 600_000), Importance.LOW,
            "The embedded Connect worker's offset.flush.interval.ms: how often it commits the connector's position,"
                + " which bounds how soon a /wait answers and a transaction-aligned document is written (Connect's own"
                + " default is 60 000; set yours low as well).")
        .define(CONNECTOR_NAME, Type.STRING, "denorm-shop", new ConfigDef.NonEmptyStringWithoutControlChars(),
            Importance.LOW, "Name under which the Debezium connector is registered.")
        .define(CONNECT_OFFSETS_TOPIC, Type.STRING, "_connect-offsets", new ConfigDef.NonEmptyStringWithoutControlChars(),
            Importance.LOW, "The Connect worker's offset.storage.topic, on denorm's Kafka cluster: read-your-writes waits"
                + " (/wait) read the connector's committed source position from it as the worker commits it. The"
                + " embedded worker and the compose file use _connect-offsets.")
        .define(SEARCH_PORT, Type.INT, 0, port, Importance.LOW,
            "HTTP port of the embedded OpenSearch; 0 picks a free one.")
        .define(DEMO_CUSTOMERS, Type.INT, 1000, Range.between(1, 10_000_000), Importance.LOW,
            "Size of the demo shop: customers; products, addresses, orders and lines scale with it.")
        .define(REGISTRY_HOME, Type.STRING, "target/apicurio", new ConfigDef.NonEmptyString(), Importance.LOW,
            "Where Apicurio Registry's app (quarkus-run.jar) is, which the embedded stack starts as a child process for"
                + " denorm.source.format=avro without a denorm.source.registry.url; the build unpacks it there.");
    HttpAccess.define(def, CONNECT_PREFIX, "Kafka Connect's REST API", CONNECT_URL);
  }

  /**
   * @param bootstrapServersGiven bootstrap.servers was set: Kafka is external
   * @param sinkHostsGiven denorm.sink.hosts was set: the search engine is external (its first host)
   */
  static StackSettings from(AbstractConfig c, boolean bootstrapServersGiven, boolean sinkHostsGiven) {
    return new StackSettings(
        blank(c.getString(DATA_DIR)).map(Path::of),
        blank(c.getString(POSTGRES_URL)).map(url -> requirePrefix(url, POSTGRES_URL, "jdbc:postgresql://")),
        c.getString(POSTGRES_USER),
        c.getPassword(POSTGRES_PASSWORD),
        c.getInt(POSTGRES_PORT),
        bootstrapServersGiven,
        c.getInt(KAFKA_PORT),
        c.getInt(KAFKA_CONTROLLER_PORT),
        blank(c.getString(CONNECT_URL)).map(url -> requirePrefix(url, CONNECT_URL, "http")),
        connectAccess(c),
        c.getInt(CONNECT_PORT),
        c.getInt(CONNECT_OFFSET_FLUSH_MS),
        c.getString(CONNECTOR_NAME),
        c.getString(CONNECT_OFFSETS_TOPIC),
        sinkHostsGiven ? Optional.of(c.getList(SinkSettings.HOSTS).get(0)) : Optional.empty(),
        c.getInt(SEARCH_PORT),
        c.getInt(DEMO_CUSTOMERS),
        Path.of(c.getString(REGISTRY_HOME)));
  }

  private static HttpAccess connectAccess(AbstractConfig c) {
    String url = c.getString(CONNECT_URL).strip();
    var access = HttpAccess.from(c, CONNECT_PREFIX, CONNECT_URL, url);
    if (access.authenticates() && url.isEmpty()) {
      throw new ConfigException(CONNECT_USERNAME + " is set but " + CONNECT_URL + " is empty: the embedded Connect"
          + " worker takes no credentials; set the URL of your worker too");
    }
    return access;
  }

  private static Optional<String> blank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static String requirePrefix(String value, String key, String prefix) {
    if (!value.startsWith(prefix)) {
      throw new ConfigException("Invalid value " + Secrets.redact(value) + " for configuration " + key + ": must start with "
          + prefix);
    }
    return value;
  }

  /** True when nothing external is configured: the whole default stack is embedded. */
  public boolean allEmbedded() {
    return postgresUrl.isEmpty() && !kafkaExternal && connectUrl.isEmpty() && searchUrl.isEmpty();
  }

  @Override
  public String toString() {
    return "StackSettings[dataDir=" + dataDir + ", postgresUrl=" + postgresUrl.map(Secrets::redact) + ", postgresUser=" + postgresUser
        + ", postgresPassword=[hidden], kafkaExternal=" + kafkaExternal + ", connectUrl=" + connectUrl
        + ", connectAccess=" + connectAccess + ", searchUrl=" + searchUrl + ", demoCustomers=" + demoCustomers + "]";
  }
}
