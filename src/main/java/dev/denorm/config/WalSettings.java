package dev.denorm.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The WAL guard: how much WAL the connector's replication slot may hold PostgreSQL to before
 * denorm warns, and how often it looks.
 *
 * @param slot the replication slot (the connector's {@code slot.name})
 * @param maxRetainedBytes WAL the slot may retain (current LSN minus its restart LSN) before a WARN
 * @param checkIntervalMs how often the slot is checked while the application runs; 0 = only at start
 */
public record WalSettings(String slot, long maxRetainedBytes, long checkIntervalMs) {

  public static final String SLOT = "denorm.wal.slot";
  public static final String MAX_RETAINED_BYTES = "denorm.wal.max.retained.bytes";
  public static final String CHECK_INTERVAL_MS = "denorm.wal.check.interval.ms";

  static void define(ConfigDef def) {
    def.define(SLOT, Type.STRING, "denorm_shop", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
            "The connector's replication slot (its slot.name), whose retained WAL the guard watches.")
        .define(MAX_RETAINED_BYTES, Type.LONG, 1024L * 1024 * 1024, Range.atLeast(1), Importance.MEDIUM,
            "WAL the slot may hold PostgreSQL to (bytes from its restart LSN to the current LSN) before the guard"
                + " warns, at start and at every check: PostgreSQL cannot recycle WAL a slot still needs.")
        .define(CHECK_INTERVAL_MS, Type.LONG, 60_000L, Range.between(0, 24L * 3600 * 1000), Importance.LOW,
            "How often the WAL guard checks the slot while the application runs; 0: at start only.");
  }

  static WalSettings from(AbstractConfig c) {
    return new WalSettings(c.getString(SLOT), c.getLong(MAX_RETAINED_BYTES), c.getLong(CHECK_INTERVAL_MS));
  }
}
