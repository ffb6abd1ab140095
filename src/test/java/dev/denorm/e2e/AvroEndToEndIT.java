package dev.denorm.e2e;

import dev.denorm.config.TopologySettings;
import java.util.Map;

/**
 * The end-to-end scenario (snapshot, scripted changes, tables changing shape mid-stream, which
 * registers new schema versions, truncates) with the connector writing Avro through Apicurio's
 * converter into the embedded Apicurio Registry, and denorm reading it through the registry's
 * Confluent-compatible API: every document equals the oracle at each step.
 */
class AvroEndToEndIT extends EndToEndIT {

  @Override
  protected Map<String, String> settings() {
    return Map.of("commit.interval.ms", "200", "denorm.http.port", "0", TopologySettings.SOURCE_FORMAT, "avro");
  }
}
