package dev.denorm.capture;

import dev.denorm.tools.stack.TestParts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.config.WalSettings;
import dev.denorm.testing.Sql;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WAL guard on the embedded PostgreSQL, with a logical slot that nothing reads. */
class WalGuardIT {

  @Test
  void shouldWarnWhileASlotNobodyReadsRetainsMoreWalThanTheLimitAndSayWhenTheSlotIsGone() throws Exception {
    String[] url = new String[1];
    try (var postgres = TestParts.postgres(u -> url[0] = u)) {
      WalGuard.Database db = () -> DriverManager.getConnection(url[0], "postgres", "postgres");
      var settings = AppConfig.from(Map.of(WalSettings.SLOT, "held_back", WalSettings.MAX_RETAINED_BYTES,
          Long.toString(1024 * 1024), WalSettings.CHECK_INTERVAL_MS, "100")).wal();
      try (var c = db.connect()) {
        Sql.exec(c, "SELECT pg_create_logical_replication_slot('held_back', 'pgoutput')");
      }
      try (var guard = new WalGuard(settings, db).start()) {
        assertThat(guard.last().found()).isTrue();
        assertThat(guard.last().active()).isFalse();
        assertThat(guard.last().retainedBytes()).isLessThan(1024 * 1024);
        assertThat(guard.warnings()).isZero();
        try (var c = db.connect()) {
          // about 4 MB of WAL that the slot holds PostgreSQL to, since nothing confirms it
          Sql.exec(c, "CREATE TABLE filler (x text)");
          Sql.exec(c, "INSERT INTO filler SELECT md5(i::text) || repeat('x', 1000) FROM generate_series(1, 4000) i");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.warnings() >= 2);
        assertThat(guard.last().retainedBytes()).isGreaterThan(1024 * 1024);
        try (var c = db.connect()) {
          Sql.exec(c, "SELECT pg_drop_replication_slot('held_back')");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.last() != null && !guard.last().found());
      }
    }
  }
}
