package dev.denorm.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker in this JVM on random local ports (STACK.md route A). Start one
 * per test class; {@link #close()} stops it and deletes its logs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private final Path dir;
  private final KafkaRaftServer server;
  private final String bootstrap;

  private EmbeddedKafkaBroker(Path dir, KafkaRaftServer server, String bootstrap) {
    this.dir = dir;
    this.server = server;
    this.bootstrap = bootstrap;
  }

  public static EmbeddedKafkaBroker start() throws Exception {
    Exception last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      Path dir = TempDirs.create("denorm-kafka-");
      try {
        return start(dir, FreePorts.next(), FreePorts.next());
      } catch (Exception e) {
        // A port picked as free may have been taken meanwhile: try new ones.
        last = e;
        TempDirs.delete(dir);
      }
    }
    throw last;
  }

  private static EmbeddedKafkaBroker start(Path dir, int brokerPort, int controllerPort) throws Exception {
    var p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dir.resolve("logs").toString());
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    Path file = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, null);
    }
    var output = new ByteArrayOutputStream();
    int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
        new PrintStream(output));
    if (rc != 0) {
      throw new IllegalStateException("kafka storage format failed: " + output);
    }
    var server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
    server.startup();
    return new EmbeddedKafkaBroker(dir, server, "127.0.0.1:" + brokerPort);
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  public void createTopics(int partitions, String... topics) throws Exception {
    try (var admin = admin()) {
      admin.createTopics(java.util.Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
          .all().get();
    }
  }

  public void deleteTopics(List<String> topics) throws Exception {
    try (var admin = admin()) {
      admin.deleteTopics(topics).all().get();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    TempDirs.delete(dir);
  }
}
