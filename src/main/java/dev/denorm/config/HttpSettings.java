package dev.denorm.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The instance's HTTP endpoint (/metrics for Prometheus).
 *
 * @param host the address to bind
 * @param port the port; 0 = any free one (logged), -1 = no HTTP endpoint
 */
public record HttpSettings(String host, int port) {

  public static final String HOST = "denorm.http.host";
  public static final String PORT = "denorm.http.port";

  static void define(ConfigDef def) {
    def.define(HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.LOW,
            "Address the HTTP endpoint (/metrics) binds to.")
        .define(PORT, Type.INT, 9464, Range.between(-1, 65535), Importance.MEDIUM,
            "Port of the instance's HTTP endpoint: /metrics in the Prometheus format. 9464 is the port"
                + " Prometheus exporters conventionally use; 0 takes a free one (logged at start); -1 turns it off.");
  }

  static HttpSettings from(AbstractConfig c) {
    return new HttpSettings(c.getString(HOST), c.getInt(PORT));
  }
}
