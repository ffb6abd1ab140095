package dev.denorm.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.capture.ConnectorRegistration;
import dev.denorm.config.AppConfig;
import dev.denorm.config.StackSettings;
import dev.denorm.index.Indexes;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code resnapshot <table> [--where <condition>]}: has Debezium read a captured table again while
 * it streams (an incremental snapshot, signalled through its signal table), to bring rows the
 * stream missed into the documents. Creates the signal table {@code <schema>.denorm_signal} if
 * missing, names it in the connector's {@code signal.data.collection} (a config update, which
 * restarts the connector's task; {@link ConnectorRegistration} waits until it runs again), waits until the publication carries it (a signal written before
 * is never decoded), and writes the {@code execute-snapshot} signal. The rows then come as the
 * connector reads them; denorm applies them as upserts (ChangeEventDecoder.INCREMENTAL).
 */
final class ResnapshotCommand implements Callable<Integer> {

  static final String SIGNAL_TABLE = "denorm_signal";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PUBLICATION_WAIT = Duration.ofSeconds(60);
  /** How long the connector's task may take to run again after its config changed. */
  private static final Duration CONNECTOR_WAIT = Duration.ofSeconds(60);
  private final AppConfig config;
  private final PrintStream out;
  private final String table;
  private final Optional<String> where;

  ResnapshotCommand(AppConfig config, PrintStream out, Optional<String> table, Optional<String> where) {
    this.config = config;
    this.out = out;
    this.table = table.orElseThrow(() -> new CommandLine.UsageException("resnapshot needs the table to read again"));
    this.where = where.map(String::strip).filter(w -> !w.isEmpty());
  }

  @Override
  public Integer call() throws Exception {
    var tables = Indexes.of(config).tables().stream().map(t -> t.name()).distinct().sorted().toList();
    if (!tables.contains(table)) {
      throw new CommandLine.UsageException("no index reads a table '" + table + "'; the indexes read " + tables);
    }
    var s = config.stack();
    var connect = new ConnectorRegistration(s.connectUrl().orElseThrow(() -> new ConfigException(
        StackSettings.CONNECT_URL + " must name the Kafka Connect worker that runs the connector (http://host:8083)")),
        s.connectAccess());
    String schema = config.topology().sourceSchema();
    String signals = schema + "." + SIGNAL_TABLE;
    try (Connection database = SourceDatabase.connect(config)) {
      exec(database, "CREATE TABLE IF NOT EXISTS " + signals
          + " (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048))");
      ObjectNode connector = connect.config(s.connectorName());
      if (!signals.equals(connector.path("signal.data.collection").asText())) {
        connector.put("signal.data.collection", signals);
        connect.register(s.connectorName(), connector, CONNECTOR_WAIT);
        out.println("Connector " + s.connectorName() + ": signal.data.collection=" + signals + " (its task restarted)");
      }
      String publication = connector.path("publication.name").asText("dbz_publication");
      if (!awaitPublished(database, publication, schema)) {
        out.println("The publication " + publication + " does not carry " + signals + " after " + PUBLICATION_WAIT
            + " (publication.autocreate.mode=" + connector.path("publication.autocreate.mode").asText("all_tables")
            + "). Add it, then run this again:");
        out.println("  ALTER PUBLICATION " + publication + " ADD TABLE " + signals + ";");
        return 2;
      }
      String id = "denorm-resnapshot-" + table + "-" + Instant.now().toEpochMilli();
      try (var insert = database.prepareStatement("INSERT INTO " + signals + " (id, type, data) VALUES (?, ?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, "execute-snapshot");
        insert.setString(3, JSON.writeValueAsString(signal(schema + "." + table)));
        insert.executeUpdate();
      }
      out.println("Signalled " + id + ": Debezium reads " + schema + "." + table + where.map(w -> " where " + w).orElse("")
          + " again in chunks while it streams, and denorm writes each row that differs from the one it holds.");
      out.println("Rows deleted while the stream missed them are not read again: 'verify' lists their documents.");
      return 0;
    }
  }

  /** The {@code execute-snapshot} signal's data. */
  ObjectNode signal(String collection) {
    var data = JSON.createObjectNode();
    data.putArray("data-collections").add(collection);
    data.put("type", "incremental");
    where.ifPresent(w -> data.putArray("additional-conditions").addObject().put("data-collection", collection)
        .put("filter", w));
    return data;
  }

  private boolean awaitPublished(Connection database, String publication, String schema)
      throws SQLException, InterruptedException {
    var deadline = Instant.now().plus(PUBLICATION_WAIT);
    try (var query = database.prepareStatement("SELECT count(*) FROM pg_publication_tables"
        + " WHERE pubname = ? AND schemaname = ? AND tablename = ?")) {
      query.setString(1, publication);
      query.setString(2, schema);
      query.setString(3, SIGNAL_TABLE);
      while (true) {
        try (var rows = query.executeQuery()) {
          if (rows.next() && rows.getLong(1) > 0) {
            return true;
          }
        }
        if (Instant.now().isAfter(deadline)) {
          return false;
        }
        Thread.sleep(200); // the poll interval of a bounded wait
      }
    }
  }

  private static void exec(Connection database, String sql) throws SQLException {
    try (var statement = database.createStatement()) {
      statement.execute(sql);
    }
  }
}
