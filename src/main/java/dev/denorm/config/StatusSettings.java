package dev.denorm.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The status page's verdict (/status on the HTTP endpoint).
 *
 * @param freshMs an index is "behind" when a stage holds a record, or the engine a write, longer than this
 */
public record StatusSettings(long freshMs) {

  public static final String FRESH_MS = "denorm.status.fresh.ms";

  static void define(ConfigDef def) {
    def.define(FRESH_MS, Type.LONG, 30_000L, Range.between(1_000, 24L * 3600 * 1000), Importance.LOW,
        "The status verdict's bound: an index is 'behind' when a topic it is read through has a record"
            + " uncommitted for longer than this (measured against end offsets seen before), or the engine has not"
            + " acknowledged a write for longer. Keep it above commit.interval.ms.");
  }

  static StatusSettings from(AbstractConfig c) {
    return new StatusSettings(c.getLong(FRESH_MS));
  }
}
