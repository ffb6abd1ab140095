package dev.denorm.config;

import org.apache.kafka.common.config.ConfigException;
import java.net.UnknownHostException;
import java.net.InetAddress;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The instance's HTTP endpoint (/metrics for Prometheus, /documents for documents by id).
 *
 * @param host the address to bind
 * @param port the port; 0 = any free one (logged), -1 = no HTTP endpoint
 * @param advertisedHost the address other instances reach this one at; empty = derived (see {@link #advertised})
 */
public record HttpSettings(String host, int port, String advertisedHost) {

  public static final String HOST = "denorm.http.host";
  public static final String PORT = "denorm.http.port";
  public static final String ADVERTISED_HOST = "denorm.http.advertised.host";

  static void define(ConfigDef def) {
    def.define(HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.LOW,
            "Address the HTTP endpoint (/metrics, /documents) binds to.")
        .define(PORT, Type.INT, 9464, Range.between(-1, 65535), Importance.MEDIUM,
            "Port of the instance's HTTP endpoint: /metrics in the Prometheus format, /documents/<index>/<id>. 9464 is the port"
                + " Prometheus exporters conventionally use; 0 takes a free one (logged at start); -1 turns it off.")
        .define(ADVERTISED_HOST, Type.STRING, "", Importance.LOW,
            "Host name or address the other instances of the group reach this one's HTTP endpoint at, to forward"
                + " /documents requests to the instance that owns a document (with the bound port, it becomes Kafka"
                + " Streams' application.server). Empty: the bind address, or this machine's host name when that is a"
                + " wildcard (0.0.0.0, ::).");
  }

  static HttpSettings from(AbstractConfig c) {
    return new HttpSettings(c.getString(HOST), c.getInt(PORT), c.getString(ADVERTISED_HOST).strip());
  }

  /** The host other instances reach this one at: the configured one, else the bind address unless a wildcard, else the host name. */
  public String advertised() {
    if (!advertisedHost.isEmpty()) {
      return advertisedHost;
    }
    if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new ConfigException(ADVERTISED_HOST, "",
          "this machine's host name does not resolve (" + e.getMessage() + "); set it to the address other instances reach this one at");
    }
  }
}
