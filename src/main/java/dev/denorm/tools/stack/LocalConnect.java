package dev.denorm.tools.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.common.utils.internals.KafkaThread;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A distributed Kafka Connect worker, in-process. Debezium is on the classpath and found by the
 * service loader, so no plugin.path is needed (and no classpath scan, which is slow). The Kafka
 * settings it is given (bootstrap, security.protocol, SASL, SSL) go to the worker's own clients and,
 * with the {@code producer.}, {@code consumer.} and {@code admin.} prefixes, to those of its tasks.
 *
 * <p>Connect registers a JVM shutdown hook when it starts and leaves it there when stopped by
 * other means, and the hook holds the whole worker: {@link #close()} removes it, so a JVM that
 * starts workers one after the other (the test suite) does not keep every one.
 */
final class LocalConnect implements AutoCloseable {

  /** Connect adds its hook through Kafka's JVM-wide {@link Exit}: one start at a time catches its own. */
  private static final Object STARTING = new Object();
  private final Connect<?> connect;
  private final Optional<Thread> shutdownHook;

  private LocalConnect(Connect<?> connect, Optional<Thread> shutdownHook) {
    this.connect = connect;
    this.shutdownHook = shutdownHook;
  }

  static LocalConnect start(String bootstrapServers, int port) {
    return start(Map.of("bootstrap.servers", bootstrapServers), port);
  }

  /** @param kafka how to reach and log in to the brokers: client settings without prefix */
  static LocalConnect start(Map<String, ?> kafka, int port) {
    return start(kafka, port, 1000);
  }

  /** @param offsetFlushMs the worker's offset.flush.interval.ms */
  static LocalConnect start(Map<String, ?> kafka, int port, int offsetFlushMs) {
    Map<String, String> p = new HashMap<>();
    kafka.forEach((key, value) -> {
      String text = text(value);
      p.put(key, text);
      if (!key.equals("bootstrap.servers")) {
        for (String prefix : List.of("producer.", "consumer.", "admin.")) {
          p.put(prefix + key, text);
        }
      }
    });
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
    p.put("offset.flush.interval.ms", Integer.toString(offsetFlushMs));
    p.put("scheduled.rebalance.max.delay.ms", "0");
    p.put("plugin.discovery", "service_load");
    synchronized (STARTING) {
      var hook = new Thread[1];
      Exit.setShutdownHookAdder((name, runnable) -> {
        hook[0] = KafkaThread.nonDaemon(name, runnable);
        Runtime.getRuntime().addShutdownHook(hook[0]);
      });
      try {
        var connect = new ConnectDistributed().startConnect(p);
        return new LocalConnect(connect, Optional.ofNullable(hook[0]));
      } catch (RuntimeException e) {
        if (hook[0] != null) {
          Runtime.getRuntime().removeShutdownHook(hook[0]);
        }
        throw e;
      } finally {
        Exit.resetShutdownHookAdder();
      }
    }
  }

  private static String text(Object value) {
    if (value instanceof Password password) {
      return password.value();
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  /** The worker, for the test that proves a closed one is released. */
  Connect<?> worker() {
    return connect;
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
    shutdownHook.ifPresent(hook -> {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException jvmShuttingDown) {
        // the hooks run now; Connect's finds the worker stopped
      }
    });
  }
}
