package dev.denorm.capture;

import java.util.concurrent.atomic.AtomicInteger;
import dev.denorm.config.Secrets;
import dev.denorm.config.WalSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches how much WAL the connector's replication slot holds PostgreSQL to: a slot whose
 * consumer is stopped or behind (or one that sees no change of its tables while other tables
 * are busy, without {@code heartbeat.action.query}) makes PostgreSQL keep WAL until the disk is
 * full. Checked at start and every {@code denorm.wal.check.interval.ms}; above
 * {@code denorm.wal.max.retained.bytes} it logs a WARN with what to do.
 */
public final class WalGuard implements AutoCloseable {

  /** What a check found: retained = current LSN minus restart LSN (bytes; -1 when the slot was not found). */
  public record Slot(String name, boolean found, boolean active, long retainedBytes, long unconfirmedBytes) {

    boolean tooMuch(long limit) {
      return found && retainedBytes > limit;
    }
  }

  /** How the guard reaches PostgreSQL. */
  public interface Database {
    Connection connect() throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(WalGuard.class);
  private static final String QUERY = "SELECT active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint, "
      + "pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?";
  private final WalSettings settings;
  private final Database database;
  private final ScheduledExecutorService timer = DaemonTimer.named("denorm-wal-guard");
  private volatile Slot last;
  private volatile String error;
  private final AtomicInteger warnings = new AtomicInteger();

  public WalGuard(WalSettings settings, Database database) {
    this.settings = settings;
    this.database = database;
  }

  /** Checks now (a failure to reach PostgreSQL is logged, not thrown), then every interval. */
  public WalGuard start() {
    checkAndReport();
    if (settings.checkIntervalMs() > 0) {
      timer.scheduleWithFixedDelay(this::checkAndReport, settings.checkIntervalMs(), settings.checkIntervalMs(),
          TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** The last check's finding, or null before the first or when it could not reach PostgreSQL. */
  public Slot last() {
    return last;
  }

  /** How many checks found the slot retaining more than the limit. */
  public int warnings() {
    return warnings.get();
  }

  /** Why the last check could not read the slot (the error's type and SQLState, see {@link Secrets#summary}), or null. */
  public String error() {
    return error;
  }

  /** Reads the slot once. */
  public Slot check() throws SQLException {
    try (var c = database.connect(); var statement = c.prepareStatement(QUERY)) {
      statement.setString(1, settings.slot());
      try (var rows = statement.executeQuery()) {
        if (!rows.next()) {
          return new Slot(settings.slot(), false, false, -1, -1);
        }
        return new Slot(settings.slot(), true, rows.getBoolean(1), rows.getLong(2), rows.getLong(3));
      }
    }
  }

  private void checkAndReport() {
    Slot slot;
    try {
      slot = check();
      error = null;
    } catch (SQLException | RuntimeException e) {
      error = Secrets.summary(e);
      LOG.warn("WAL guard: cannot read replication slot {} ({}); checking again", settings.slot(),
          Secrets.redact(e.getMessage()));
      return;
    }
    last = slot;
    if (!slot.found()) {
      LOG.warn("WAL guard: PostgreSQL has no replication slot {}: the connector has not started yet, or it uses "
          + "another slot.name (set {})", slot.name(), WalSettings.SLOT);
    } else if (slot.tooMuch(settings.maxRetainedBytes())) {
      warnings.incrementAndGet();
      LOG.warn("WAL guard: replication slot {} retains {} of WAL (limit {}, {}; {} not yet confirmed by the connector). "
          + "PostgreSQL keeps it until the connector confirms: {}. See docs/operations.md, \"WAL guard and replication slots\"",
          slot.name(), size(slot.retainedBytes()), size(settings.maxRetainedBytes()), WalSettings.MAX_RETAINED_BYTES,
          size(slot.unconfirmedBytes()), slot.active()
              ? "the connector is reading but behind, or its tables see no change while others are busy "
                  + "(set heartbeat.action.query)"
              : "no connector is reading the slot (is the connector or its task stopped?); drop the slot if it is "
                  + "abandoned");
    }
  }

  /** A byte count as people read it: KiB, MiB or GiB. */
  public static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
