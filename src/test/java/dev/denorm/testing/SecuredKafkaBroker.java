package dev.denorm.testing;

import dev.denorm.testkit.TempDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import dev.denorm.tools.stack.BrokerMetrics;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker in this JVM whose one listener for clients is {@code SASL_SSL} with
 * SCRAM-SHA-512, on a certificate signed by a {@link BrokerCertificates} authority; the controller
 * listener stays PLAINTEXT on 127.0.0.1 (the broker talks to itself through it only). The SCRAM
 * users (the broker's own and {@link #USER}) are written when the storage is formatted, as
 * {@code kafka-storage format --add-scram} does. {@link #clientSettings()} is what a client needs.
 */
public final class SecuredKafkaBroker implements AutoCloseable {

  public static final String MECHANISM = "SCRAM-SHA-512";
  public static final String USER = "denorm";
  private static final String PASSWORD = "denorm-scram-secret";
  private static final String BROKER_USER = "broker";
  private static final String BROKER_PASSWORD = "broker-scram-secret";

  private final Path dir;
  private final BrokerCertificates certificates;
  private final KafkaRaftServer server;
  private final int port;

  private SecuredKafkaBroker(Path dir, BrokerCertificates certificates, KafkaRaftServer server, int port) {
    this.dir = dir;
    this.certificates = certificates;
    this.server = server;
    this.port = port;
  }

  public static SecuredKafkaBroker start() throws Exception {
    Path dir = TempDirs.create("denorm-secured-kafka-");
    try {
      var certificates = BrokerCertificates.make(dir.resolve("certificates"));
      Exception last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        // a port picked as free may have been taken meanwhile: new ports, a new log directory
        var logs = dir.resolve("logs-" + attempt);
        int port = FreePorts.next();
        var p = properties(certificates, port, FreePorts.next(), logs);
        format(p, dir.resolve("format-" + attempt + ".properties"));
        var server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
        try {
          server.startup();
          return new SecuredKafkaBroker(dir, certificates, server, port);
        } catch (RuntimeException e) {
          last = e;
          server.shutdown();
          server.awaitShutdown();
          BrokerMetrics.release();
        }
      }
      throw last;
    } catch (Exception | Error e) {
      TempDirs.delete(dir);
      throw e;
    }
  }

  private static Properties properties(BrokerCertificates certificates, int port, int controller, Path logs) {
    var p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
    p.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
    p.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "SASL_SSL");
    p.put("sasl.enabled.mechanisms", MECHANISM);
    p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(BROKER_USER, BROKER_PASSWORD));
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", certificates.keystore().toString());
    p.put("ssl.keystore.password", certificates.password());
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.location", certificates.truststore().toString());
    p.put("ssl.truststore.password", certificates.password());
    p.put("log.dirs", logs.toString());
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    return p;
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  private static void format(Properties p, Path file) throws IOException {
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, "format only");
    }
    var log = new ByteArrayOutputStream();
    int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString(),
        "--add-scram", MECHANISM + "=[name=" + BROKER_USER + ",password=" + BROKER_PASSWORD + "]",
        "--add-scram", MECHANISM + "=[name=" + USER + ",password=" + PASSWORD + "]"},
        new PrintStream(log, true, StandardCharsets.UTF_8));
    Files.deleteIfExists(file);
    if (rc != 0) {
      throw new IllegalStateException("kafka storage format failed: " + log.toString(StandardCharsets.UTF_8));
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** What a client of this broker is given, as a user writes it: SASL_SSL, SCRAM, the trusted authority. */
  public Map<String, String> clientSettings() {
    var settings = new LinkedHashMap<String, String>();
    settings.put("bootstrap.servers", bootstrapServers());
    settings.put("security.protocol", "SASL_SSL");
    settings.put("sasl.mechanism", MECHANISM);
    settings.put("sasl.jaas.config", jaas(USER, PASSWORD));
    settings.put("ssl.truststore.type", "PKCS12");
    settings.put("ssl.truststore.location", certificates.truststore().toString());
    settings.put("ssl.truststore.password", certificates.password());
    return settings;
  }

  /** The password of {@link #USER}, to tell whether it was written somewhere. */
  public String password() {
    return PASSWORD;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    BrokerMetrics.release();
    TempDirs.delete(dir);
  }
}
