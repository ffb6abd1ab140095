package dev.denorm.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The whole configuration, parsed and validated once at start-up. Keys starting with
 * {@code denorm.} are ours and are checked against {@link #DEFINITION}; every other key is a
 * Kafka Streams (or client) setting and passes through unchanged, on top of our defaults.
 */
public final class AppConfig {

  public static final String PREFIX = "denorm.";
  public static final ConfigDef DEFINITION = definition();

  private final TopologySettings topology;
  private final StackSettings stack;
  private final SinkSettings sink;
  private final WalSettings wal;
  private final HttpSettings http;
  private final StatusSettings status;
  private final Properties streams;
  private final Map<String, String> values;

  private AppConfig(TopologySettings topology, StackSettings stack, SinkSettings sink,
      WalSettings wal, HttpSettings http, StatusSettings status, Properties streams, Map<String, String> values) {
    this.http = http;
    this.status = status;
    this.topology = topology;
    this.stack = stack;
    this.sink = sink;
    this.wal = wal;
    this.streams = streams;
    this.values = Map.copyOf(values);
  }

  private static ConfigDef definition() {
    var def = new ConfigDef();
    TopologySettings.define(def);
    StackSettings.define(def);
    SinkSettings.define(def);
    RocksDbSettings.define(def);
    WalSettings.define(def);
    HttpSettings.define(def);
    StatusSettings.define(def);
    return def;
  }

  /**
   * Parses and validates; throws {@link ConfigException} naming the key and what is allowed. A
   * {@code ${provider:path:key}} reference in a {@code denorm.*} value is resolved by the Kafka
   * config providers the configuration declares ({@code config.providers}), as Kafka's clients
   * resolve theirs: under the same JVM-wide restriction ({@code org.apache.kafka.automatic.config.providers}).
   */
  public static AppConfig from(Map<String, String> values) {
    var ours = new HashMap<String, String>();
    var providers = new HashMap<String, String>();
    var streams = StreamsDefaults.properties();
    values.forEach((key, value) -> {
      if (key.startsWith(PREFIX)) {
        if (!DEFINITION.names().contains(key)) {
          // the value is left out: it may be a misspelt password
          throw new ConfigException("unknown setting " + key + "; known " + PREFIX + "* settings: "
              + DEFINITION.names());
        }
        ours.put(key, value);
      } else {
        streams.put(key, value);
        if (key.equals(AbstractConfig.CONFIG_PROVIDERS_CONFIG) || key.startsWith(AbstractConfig.CONFIG_PROVIDERS_CONFIG + ".")) {
          providers.put(key, value);
        }
      }
    });
    // the providers among the originals, as a client has them: Kafka then applies the same restriction
    var originals = new HashMap<String, String>(ours);
    originals.putAll(providers);
    var parsed = new AbstractConfig(DEFINITION, originals, false);
    ProviderReferences.requireResolved(ours, parsed.originalsStrings());
    var topology = TopologySettings.from(parsed);
    streams.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topology.deadLetterTopic());
    // The RocksDB config setter sees only the Streams configs: hand it our validated sizes.
    streams.putAll(RocksDbSettings.from(parsed).asStreamsConfigs());
    // Kafka Streams validates its own keys, with messages that name them.
    new StreamsConfig(streams);
    var bootstrapGiven = values.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    var sink = SinkSettings.from(parsed);
    var searchGiven = values.containsKey(SinkSettings.HOSTS);
    return new AppConfig(topology, StackSettings.from(parsed, bootstrapGiven, searchGiven), sink,
        WalSettings.from(parsed), HttpSettings.from(parsed), StatusSettings.from(parsed), streams, values);
  }

  /**
   * Whether a key is a setting: one of ours, or a Kafka Streams, producer, consumer or admin key,
   * with or without a client prefix ({@code producer.}, {@code main.consumer.}, ...).
   */
  public static boolean defines(String key) {
    if (key.startsWith(PREFIX)) {
      return DEFINITION.names().contains(key);
    }
    return KafkaKeys.defines(key);
  }

  public TopologySettings topology() {
    return topology;
  }

  public StackSettings stack() {
    return stack;
  }

  /**
   * The same configuration with some values replaced, parsed and validated again; e.g. the
   * addresses of embedded parts, known only once they started.
   */
  public AppConfig with(Map<String, String> overrides) {
    var merged = new HashMap<>(values);
    merged.putAll(overrides);
    return from(merged);
  }

  public SinkSettings sink() {
    return sink;
  }

  public WalSettings wal() {
    return wal;
  }

  public HttpSettings http() {
    return http;
  }

  public StatusSettings status() {
    return status;
  }

  /**
   * The parts that have no external endpoint, each with the key that gives one (part name to key,
   * in the order the stack starts them); empty when every part is external.
   */
  public Map<String, String> partsWithoutEndpoint() {
    var missing = new LinkedHashMap<String, String>();
    if (stack.postgresUrl().isEmpty()) {
      missing.put("PostgreSQL", StackSettings.POSTGRES_URL);
    }
    if (!stack.kafkaExternal()) {
      missing.put("Kafka", StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    }
    if (stack.connectUrl().isEmpty()) {
      missing.put("Kafka Connect", StackSettings.CONNECT_URL);
    }
    if (stack.searchUrl().isEmpty()) {
      missing.put("the search engine", SinkSettings.HOSTS);
    }
    if (topology.sourceFormat() == TopologySettings.SourceFormat.AVRO && topology.registryUrl().isBlank()) {
      missing.put("the schema registry", TopologySettings.REGISTRY_URL);
    }
    return missing;
  }

  /** Where the parts answer when every one is external; see {@link #partsWithoutEndpoint()}. */
  public Endpoints externalEndpoints() {
    var missing = partsWithoutEndpoint();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("no endpoint for " + missing.keySet());
    }
    return new Endpoints(stack.postgresUrl().orElseThrow(), stack.postgresUser(), stack.postgresPassword(),
        streams.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG), stack.connectUrl().orElseThrow(),
        stack.searchUrl().orElseThrow(), topology.registryUrl());
  }

  /** A copy of the Kafka Streams properties: our defaults with the user's values on top. */
  public Properties streamsProperties() {
    var copy = new Properties();
    copy.putAll(streams);
    return copy;
  }
}
