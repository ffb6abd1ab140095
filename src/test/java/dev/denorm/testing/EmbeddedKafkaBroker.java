package dev.denorm.testing;

import dev.denorm.config.KafkaClients;
import dev.denorm.testkit.TempDirs;
import java.util.Arrays;
import dev.denorm.tools.stack.LocalKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real single-node KRaft broker in this JVM on random local ports: the embedded stack's
 * {@link LocalKafka} in a temporary directory. Start one per test class; {@link #close()} stops
 * it and deletes its logs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private final Path dir;
  private final LocalKafka kafka;

  private EmbeddedKafkaBroker(Path dir, LocalKafka kafka) {
    this.dir = dir;
    this.kafka = kafka;
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

  private static EmbeddedKafkaBroker start(Path dir, int brokerPort, int controllerPort) {
    var kafka = LocalKafka.start(brokerPort, controllerPort, dir.resolve("logs"));
    return new EmbeddedKafkaBroker(dir, kafka);
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The application's client factory for this broker (default settings). */
  public KafkaClients clients() {
    return clients(bootstrapServers());
  }

  /** The application's client factory with default settings, for a PLAINTEXT broker at that address. */
  public static KafkaClients clients(String bootstrapServers) {
    return KafkaClients.of(Map.of("application.id", "denorm-test", "bootstrap.servers", bootstrapServers));
  }

  public Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
  }

  public void createTopics(int partitions, String... topics) throws Exception {
    try (var admin = admin()) {
      admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
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
    kafka.close();
    TempDirs.delete(dir);
  }
}
