package dev.denorm.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.time.Duration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every Kafka client of the application's own (topic checks, compacted topics, repair, the
 * reindex copier, {@code verify --source topics}, the status page) is made here, from the same
 * client settings Kafka Streams gets: so {@code security.protocol}, SASL, SSL and every other
 * client key reach each of them, with the {@code admin.}, {@code consumer.},
 * {@code restore.consumer.} and {@code producer.} prefixes applied as Kafka Streams applies them.
 * <ul>
 *   <li>Admin: {@link StreamsConfig#getAdminConfigs}.</li>
 *   <li>Consumer: {@link StreamsConfig#getRestoreConsumerConfigs}, Kafka Streams' consumer without a
 *   group: no {@code group.id}, no auto-commit, no auto-created topics. Each of ours assigns partitions
 *   and seeks (as a restore consumer does), none joins a group; the main consumer's settings would
 *   bring the application's group and its partition assignor.</li>
 *   <li>Producer: {@link StreamsConfig#getProducerConfigs}.</li>
 * </ul>
 * Each client gets {@code client.id} {@code <client.id or application.id>-<use>}, then the call's own
 * overrides. Immutable; the settings are never logged here (Kafka's own config log masks passwords).
 */
public final class KafkaClients {

  private final Map<String, Object> admin;
  private final Map<String, Object> consumer;
  private final Map<String, Object> producer;
  private final String clientIdPrefix;

  private KafkaClients(Map<String, Object> admin, Map<String, Object> consumer, Map<String, Object> producer,
      String clientIdPrefix) {
    this.admin = Map.copyOf(admin);
    this.consumer = Map.copyOf(consumer);
    this.producer = Map.copyOf(producer);
    this.clientIdPrefix = clientIdPrefix;
  }

  /** From the application's configuration. */
  public static KafkaClients of(AppConfig config) {
    return of(config.streamsProperties());
  }

  /** From Kafka Streams properties (e.g. a processor's {@code appConfigs()}). */
  public static KafkaClients of(Map<?, ?> streamsProperties) {
    var streams = new Unlogged(streamsProperties);
    String clientId = streams.getString(StreamsConfig.CLIENT_ID_CONFIG);
    String prefix = clientId == null || clientId.isEmpty() ? streams.getString(StreamsConfig.APPLICATION_ID_CONFIG)
        : clientId;
    // each client's client.id is set per call (see configs); the prefix stands in until then
    return new KafkaClients(withoutNulls(streams.getAdminConfigs(prefix)),
        withoutNulls(streams.getRestoreConsumerConfigs(prefix)), withoutNulls(streams.getProducerConfigs(prefix)), prefix);
  }

  /** As {@link #of(Map)}. */
  public static KafkaClients of(Properties streamsProperties) {
    return of((Map<?, ?>) streamsProperties);
  }

  /** Kafka Streams' settings without their INFO dump: the application logs them once, when Kafka Streams starts. */
  private static final class Unlogged extends StreamsConfig {

    Unlogged(Map<?, ?> properties) {
      super(properties, false);
    }
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> configs) {
    var copy = new HashMap<>(configs);
    copy.values().removeIf(v -> v == null);
    return copy;
  }

  /** The same settings against other brokers: the embedded broker's address, known once it started. */
  public KafkaClients withBootstrapServers(String bootstrapServers) {
    return new KafkaClients(replaced(admin, bootstrapServers), replaced(consumer, bootstrapServers),
        replaced(producer, bootstrapServers), clientIdPrefix);
  }

  private static Map<String, Object> replaced(Map<String, Object> configs, String bootstrapServers) {
    var copy = new HashMap<>(configs);
    copy.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return copy;
  }

  /** Where the clients connect, for messages (never a secret). */
  public String bootstrapServers() {
    return String.valueOf(admin.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
  }

  /** The settings an Admin client for {@code use} gets; {@code overrides} last. */
  public Map<String, Object> adminConfigs(String use, Map<String, ?> overrides) {
    return configs(admin, use, overrides);
  }

  /** The settings a consumer for {@code use} gets (no group); {@code overrides} last. */
  public Map<String, Object> consumerConfigs(String use, Map<String, ?> overrides) {
    return configs(consumer, use, overrides);
  }

  /** The settings a producer for {@code use} gets; {@code overrides} last. */
  public Map<String, Object> producerConfigs(String use, Map<String, ?> overrides) {
    return configs(producer, use, overrides);
  }

  private Map<String, Object> configs(Map<String, Object> base, String use, Map<String, ?> overrides) {
    var configs = new HashMap<>(base);
    configs.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "-" + use);
    configs.putAll(overrides);
    return configs;
  }

  public Admin admin(String use) {
    return admin(use, Map.of());
  }

  public Admin admin(String use, Map<String, ?> overrides) {
    return Admin.create(adminConfigs(use, overrides));
  }

  public <K, V> KafkaConsumer<K, V> consumer(String use, Deserializer<K> keys, Deserializer<V> values) {
    return consumer(use, Map.of(), keys, values);
  }

  public <K, V> KafkaConsumer<K, V> consumer(String use, Map<String, ?> overrides, Deserializer<K> keys,
      Deserializer<V> values) {
    return new KafkaConsumer<>(consumerConfigs(use, overrides), keys, values);
  }

  /**
   * Reads every partition of {@code topic} from its beginning to the end it has when the read starts
   * (a record written meanwhile may be given too), each record to {@code each} in offset order per
   * partition.
   *
   * @param wait how long to wait for the topic's partitions
   */
  public static <K, V> void readToEnd(KafkaConsumer<K, V> consumer, String topic, Duration wait,
      Consumer<ConsumerRecord<K, V>> each) {
    var partitions = consumer.partitionsFor(topic, wait).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    var end = consumer.endOffsets(partitions);
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
  }

  public <K, V> KafkaProducer<K, V> producer(String use, Serializer<K> keys, Serializer<V> values) {
    return producer(use, Map.of(), keys, values);
  }

  public <K, V> KafkaProducer<K, V> producer(String use, Map<String, ?> overrides, Serializer<K> keys,
      Serializer<V> values) {
    return new KafkaProducer<>(producerConfigs(use, overrides), keys, values);
  }

  /**
   * The settings that say how to reach and log in to the brokers, for a client that is not ours (an
   * embedded Connect worker): those of the Admin settings that every client kind defines (bootstrap,
   * {@code security.protocol}, {@code ssl.*}, {@code sasl.*}, network settings), without a {@code client.id}.
   */
  public Map<String, Object> connectionSettings() {
    var shared = new HashSet<>(AdminClientConfig.configNames());
    shared.retainAll(ConsumerConfig.configNames());
    shared.retainAll(ProducerConfig.configNames());
    shared.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
    var settings = new HashMap<>(admin);
    settings.keySet().retainAll(shared);
    return settings;
  }
}
