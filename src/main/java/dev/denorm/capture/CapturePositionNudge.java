package dev.denorm.capture;

import dev.denorm.config.Secrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks PostgreSQL for a commit point: {@code SELECT pg_logical_emit_message(false, 'denorm', '')}, a
 * non-transactional logical decoding message. Debezium (pgoutput, PostgreSQL 14+) treats it as a
 * commit: it moves the connector's {@code lsn_commit} to the message's end and sends a record to
 * {@code <topic.prefix>.message}, whose offset Connect then stores. Without it, a database whose
 * captured tables see no change would leave a waiter's LSN uncommitted until the next heartbeat or
 * change. On PostgreSQL 17+ the message is flushed at once ({@code flush => true}); before, it
 * waits for the WAL writer (at most {@code wal_writer_delay}) to be decoded.
 *
 * <p>Coalesced: at most one message is in flight; those asked for while it is written make one more
 * after it, and those asked for before it started need none. Runs on the caller's executor, not on
 * the thread that asks, over one connection kept open. A failure (no such function, permission denied, PostgreSQL unreachable) is
 * logged as a WARN at most once a minute with its SQLState only; it is never thrown.
 */
final class CapturePositionNudge {

  private static final Logger LOG = LoggerFactory.getLogger(CapturePositionNudge.class);
  private static final long WARN_EVERY_NANOS = 60_000_000_000L;
  private static final int IDLE = 0;
  private static final int QUEUED = 1;
  private static final int RUNNING = 2;
  private static final int RUNNING_AND_ASKED = 3;
  private final WalGuard.Database database;
  private final Executor executor;
  private final AtomicInteger state = new AtomicInteger(IDLE);
  private final AtomicInteger sent = new AtomicInteger();
  private Boolean flushes;
  /** Kept open between nudges (a profile showed opening one per nudge as the sampler's main cost); executor's thread only. */
  private Connection connection;
  private long lastWarn;
  private boolean warned;

  CapturePositionNudge(WalGuard.Database database, Executor executor) {
    this.database = database;
    this.executor = executor;
  }

  /** Asks for a message; returns at once. */
  void request() {
    int before = state.getAndUpdate(s -> s == IDLE ? QUEUED : s == RUNNING ? RUNNING_AND_ASKED : s);
    if (before == IDLE) {
      try {
        executor.execute(this::run);
      } catch (RejectedExecutionException closed) {
        state.set(IDLE);
      }
    }
  }

  /** How many messages PostgreSQL took. */
  int sent() {
    return sent.get();
  }

  private void run() {
    do {
      state.set(RUNNING);
      emit();
    } while (state.updateAndGet(s -> s == RUNNING_AND_ASKED ? QUEUED : IDLE) == QUEUED);
  }

  private void emit() {
    try {
      if (connection == null) {
        connection = database.connect();
      }
      try (var statement = connection.createStatement()) {
        if (flushes == null) {
          try (var rows = statement.executeQuery("SHOW server_version_num")) {
            flushes = rows.next() && Integer.parseInt(rows.getString(1).strip()) >= 170000;
          }
        }
        statement.execute(flushes ? "SELECT pg_logical_emit_message(false, 'denorm', '', true)"
            : "SELECT pg_logical_emit_message(false, 'denorm', '')");
      }
      sent.incrementAndGet();
    } catch (SQLException | RuntimeException e) {
      close(); // opened anew by the next nudge
      long now = System.nanoTime();
      if (!warned || now - lastWarn >= WARN_EVERY_NANOS) {
        warned = true;
        lastWarn = now;
        LOG.warn("Cannot ask PostgreSQL for a commit point with pg_logical_emit_message ({}): a read-your-writes wait "
            + "on a database whose captured tables see no change lasts until the next change or heartbeat. Grant the "
            + "user EXECUTE on pg_logical_emit_message; trying again on the next wait", Secrets.summary(e));
      }
    }
  }

  /** Closes the connection kept for the nudges: after the executor stopped, or when it failed. */
  void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("Closing the nudge's PostgreSQL connection: {}", Secrets.summary(e));
      }
      connection = null;
    }
  }
}
