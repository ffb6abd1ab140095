package dev.denorm.example.library;

import dev.denorm.config.TopologySettings;
import java.util.Map;

/**
 * LibraryIT with the connector writing Avro through the embedded Apicurio Registry: uuid, date, char and
 * composite keys in Avro, the same steps and the same oracle.
 */
class AvroLibraryIT extends LibraryIT {

  @Override
  protected Map<String, String> settings() {
    return Map.of(TopologySettings.SOURCE_FORMAT, "avro");
  }
}
