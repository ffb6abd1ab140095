package dev.denorm.tools.stack;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A distributed Kafka Connect worker, in-process. Debezium is on the classpath and found by the
 * service loader, so no plugin.path is needed (and no classpath scan, which is slow).
 */
final class LocalConnect implements AutoCloseable {

  private final Connect<?> connect;

  private LocalConnect(Connect<?> connect) {
    this.connect = connect;
  }

  static LocalConnect start(String bootstrapServers, int port) {
    Map<String, String> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("group.id", "denorm-connect");
    p.put("config.storage.topic", "_connect-configs");
    p.put("offset.storage.topic", "_connect-offsets");
    p.put("status.storage.topic", "_connect-status");
    p.put("config.storage.replication.factor", "1");
    p.put("offset.storage.replication.factor", "1");
    p.put("status.storage.replication.factor", "1");
    p.put("offset.storage.partitions", "1");
    p.put("status.storage.partitions", "1");
    p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    p.put("listeners", "http://127.0.0.1:" + port);
    p.put("rest.advertised.host.name", "127.0.0.1");
    p.put("offset.flush.interval.ms", "1000");
    p.put("scheduled.rebalance.max.delay.ms", "0");
    p.put("plugin.discovery", "service_load");
    return new LocalConnect(new ConnectDistributed().startConnect(p));
  }

  /** The REST URL, without a trailing slash. */
  String restUrl() {
    var url = connect.rest().serverUrl().toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }
}
