package dev.denorm.app;

import dev.denorm.client.ReadYourWrites;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.PatternSyntaxException;
import dev.denorm.config.KafkaClients;
import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.capture.ConnectorRegistration;
import dev.denorm.cdc.ChangeTable;
import dev.denorm.reconcile.DeletePass;
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
 * connector reads them; denorm applies them as upserts (ChangeEventDecoder.INCREMENTAL). Before the
 * signal, the {@link DeletePass} deletes the rows denorm holds that the table no longer has (which
 * a snapshot cannot report), unless {@code --keep-deleted}; skipped for a table not captured before.
 */
final class ResnapshotCommand implements Callable<Integer> {

  static final String SIGNAL_TABLE = "denorm_signal";
  /** The signal table's {@code data varchar(2048)}, as Debezium's documentation makes it. */
  static final int SIGNAL_DATA_MAX = 2048;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PUBLICATION_WAIT = Duration.ofSeconds(60);
  /** How long the connector's task may take to run again after its config changed. */
  private static final Duration CONNECTOR_WAIT = Duration.ofSeconds(60);
  private final AppConfig config;
  private final PrintStream out;
  private final String table;
  private final Optional<String> where;
  /** Where to ask whether the re-read rows are searchable; empty: do not wait. */
  private final Optional<String> waitUrl;
  private final Duration timeout;
  private final boolean deletePass;

  ResnapshotCommand(AppConfig config, PrintStream out, Optional<String> table, Optional<String> where) {
    this(config, out, table, where, Optional.empty(), Duration.ZERO, false);
  }

  /**
   * @param waitUrl an instance of the group, to wait until the rows read are searchable in every index
   *     that reads the table; empty: return once signalled
   * @param timeout how long to wait for the re-read and its documents
   * @param deletePass whether to delete, before the re-read, the rows denorm holds that the table no longer has
   */
  ResnapshotCommand(AppConfig config, PrintStream out, Optional<String> table, Optional<String> where,
      Optional<String> waitUrl, Duration timeout, boolean deletePass) {
    this.deletePass = deletePass;
    this.waitUrl = waitUrl;
    this.timeout = timeout;
    this.config = config;
    this.out = out;
    this.table = table.orElseThrow(() -> new CommandLine.UsageException("resnapshot needs the table to read again"));
    this.where = where.map(String::strip).filter(w -> !w.isEmpty());
  }

  @Override
  public Integer call() throws Exception {
    var read = Indexes.of(config).tables();
    var tables = read.stream().map(t -> t.name()).distinct().sorted().toList();
    if (!tables.contains(table)) {
      throw new CommandLine.UsageException("no index reads a table '" + table + "'; the indexes read " + tables);
    }
    ChangeTable<?> changeTable = read.stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow();
    var s = config.stack();
    var connect = new ConnectorRegistration(s.connectUrl().orElseThrow(() -> new ConfigException(
        StackSettings.CONNECT_URL + " must name the Kafka Connect worker that runs the connector (http://host:8083)")),
        s.connectAccess());
    String schema = config.topology().sourceSchema();
    String signals = schema + "." + SIGNAL_TABLE;
    try (Connection database = SourceDatabase.connect(config)) {
      exec(database, "CREATE TABLE IF NOT EXISTS " + signals
          + " (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(" + SIGNAL_DATA_MAX + "))");
      ObjectNode connector = connect.config(s.connectorName());
      String notifications = connector.path("notification.sink.topic.name")
          .asText(connector.path("topic.prefix").asText("pg") + ".notifications");
      boolean notifying = Arrays.asList(connector.path("notification.enabled.channels").asText("").split(","))
          .stream().map(String::strip).anyMatch("sink"::equals);
      String captured = schema + "." + table;
      boolean missing = !captures(connector.path("table.include.list").asText(""), captured);
      if (!signals.equals(connector.path("signal.data.collection").asText()) || !notifying || missing) {
        connector.put("signal.data.collection", signals);
        String channels = connector.path("notification.enabled.channels").asText("").strip();
        if (!notifying) {
          connector.put("notification.enabled.channels", channels.isEmpty() ? "sink" : channels + ",sink");
          connector.put("notification.sink.topic.name", notifications);
        }
        if (missing) {
          // a table an index reads that the connector does not capture yet: from now on it does, and
          // the incremental snapshot below reads what it holds (no new snapshot of the other tables)
          connector.put("table.include.list", connector.path("table.include.list").asText() + "," + captured);
          out.println("Connector " + s.connectorName() + ": " + captured + " added to table.include.list");
        }
        connect.register(s.connectorName(), connector, CONNECTOR_WAIT);
        out.println("Connector " + s.connectorName() + ": signal.data.collection=" + signals
            + ", notifications to " + notifications + " (its task restarted)");
      }
      String publication = connector.path("publication.name").asText("dbz_publication");
      for (String name : List.of(SIGNAL_TABLE, table)) {
        if (!awaitPublished(database, publication, schema, name)) {
          out.println("The publication " + publication + " does not carry " + schema + "." + name + " after "
              + PUBLICATION_WAIT + " (publication.autocreate.mode="
              + connector.path("publication.autocreate.mode").asText("all_tables") + "). Add it, then run this again:");
          out.println("  ALTER PUBLICATION " + publication + " ADD TABLE " + schema + "." + name + ";");
          return 2;
        }
      }
      Optional<String> alsoRead = Optional.empty();
      if (deletePass && !missing) {
        alsoRead = deleteGoneRows(changeTable, database);
      } else if (deletePass) {
        out.println("Delete pass: none, " + captured + " was not captured before, so denorm holds none of its rows");
      }
      String id = "denorm-resnapshot-" + table + "-" + Instant.now().toEpochMilli();
      try (var insert = database.prepareStatement("INSERT INTO " + signals + " (id, type, data) VALUES (?, ?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, "execute-snapshot");
        insert.setString(3, JSON.writeValueAsString(signal(schema + "." + table, alsoRead)));
        insert.executeUpdate();
      }
      out.println("Signalled " + id + ": Debezium reads " + schema + "." + table + where.map(w -> " where " + w).orElse("")
          + " again in chunks while it streams, and denorm writes each row that differs from the one it holds.");
      if (!deletePass) {
        out.println("Rows deleted while the stream missed them stay (--keep-deleted): 'verify' lists their documents.");
      }
      if (waitUrl.isEmpty()) {
        return 0;
      }
      return awaitSearchable(database, id, notifications);
    }
  }

  /**
   * Waits for Debezium's notification that the snapshot ended, then for the documents of every index
   * that reads the table to be searchable up to the WAL position after it: the rows read come before
   * the notification in the connector's stream, so the barrier covers them.
   */
  private int awaitSearchable(Connection database, String id, String notifications) throws Exception {
    var deadline = Instant.now().plus(timeout);
    var ended = SnapshotNotifications.awaitEnd(KafkaClients.of(config), notifications, id, deadline, out);
    if (ended.isEmpty()) {
      out.println("The re-read did not end within " + timeout + " (notifications in " + notifications + ")");
      return 1;
    }
    if (!"COMPLETED".equals(ended.get())) {
      out.println("Debezium ended the re-read: " + ended.get());
      return 1;
    }
    String lsn = ReadYourWrites.position(database);
    var indexes = Indexes.of(config).readers().getOrDefault(table, List.of());
    try (var barrier = new ReadYourWrites(URI.create(waitUrl.get()), config.http().token().map(t -> t.value()))) {
      for (String index : indexes) {
        var left = Duration.between(Instant.now(), deadline);
        var answer = barrier.await(index, lsn, left.isNegative() ? Duration.ZERO : left);
        if (!answer.searchable()) {
          out.println("Index " + index + " is not searchable up to " + lsn + " yet: " + answer.body());
          return answer.status() == 504 ? 1 : 2;
        }
      }
    } catch (IOException e) {
      out.println("Re-read done; " + waitUrl.get() + " did not answer whether it is searchable ("
          + e.getClass().getSimpleName() + ")");
      return 2;
    }
    out.println("Searchable in " + String.join(", ", indexes) + " up to " + lsn + ".");
    return 0;
  }

  /**
   * The delete pass ({@link DeletePass}), before the re-read is signalled; empty, or the condition
   * naming the rows it deleted that were inserted again meanwhile, which the re-read must read.
   */
  private Optional<String> deleteGoneRows(ChangeTable<?> changeTable, Connection database) throws SQLException {
    try {
      return DeletePass.run(KafkaClients.of(config), config.topology(), changeTable, database, out).rereadCondition();
    } catch (IllegalStateException e) {
      throw new Unusable(e.getMessage());
    }
  }

  /** The {@code execute-snapshot} signal's data. */
  ObjectNode signal(String collection) {
    return signal(collection, Optional.empty());
  }

  /**
   * The signal's data; {@code alsoRead} names rows to read besides those {@code --where} names (with
   * no {@code --where} every row is read anyway). When the condition with those rows would not fit
   * the signal table's {@code data} column ({@link #SIGNAL_DATA_MAX} characters), the whole table is
   * read instead, and said.
   */
  ObjectNode signal(String collection, Optional<String> alsoRead) {
    var data = JSON.createObjectNode();
    data.putArray("data-collections").add(collection);
    data.put("type", "incremental");
    var condition = where.map(w -> alsoRead.map(keys -> "(" + w + ") OR " + keys).orElse(w));
    condition.ifPresent(w -> data.putArray("additional-conditions").addObject().put("data-collection", collection)
        .put("filter", w));
    if (alsoRead.isPresent() && where.isPresent() && data.toString().length() > SIGNAL_DATA_MAX) {
      out.println("The condition and the rows inserted again meanwhile do not fit one signal (" + SIGNAL_DATA_MAX
          + " characters): the whole table is read again.");
      data.remove("additional-conditions");
    }
    return data;
  }

  /** Whether a {@code table.include.list} (empty: every table) names {@code table} (a list entry is a regular expression). */
  static boolean captures(String includeList, String table) {
    if (includeList.isBlank()) {
      return true;
    }
    return Arrays.stream(includeList.split(",")).map(String::strip).filter(e -> !e.isEmpty())
        .anyMatch(entry -> entry.equals(table) || matches(table, entry));
  }

  private static boolean matches(String table, String entry) {
    try {
      return table.matches(entry);
    } catch (PatternSyntaxException e) {
      return false; // Debezium refuses such a list itself
    }
  }

  private boolean awaitPublished(Connection database, String publication, String schema, String name)
      throws SQLException, InterruptedException {
    var deadline = Instant.now().plus(PUBLICATION_WAIT);
    try (var query = database.prepareStatement("SELECT count(*) FROM pg_publication_tables"
        + " WHERE pubname = ? AND schemaname = ? AND tablename = ?")) {
      query.setString(1, publication);
      query.setString(2, schema);
      query.setString(3, name);
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
