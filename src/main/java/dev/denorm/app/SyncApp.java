package dev.denorm.app;

import dev.denorm.config.AppConfig;
import dev.denorm.config.SinkSettings;
import dev.denorm.sink.engine.SearchEngine;
import dev.denorm.stack.Endpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application itself: the production topology (documents and the search-engine sink) in a
 * KafkaStreams instance, against the stack's Kafka and search engine.
 */
public final class SyncApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncApp.class);
  /** Below Kubernetes' default grace period of 30 s, so that a pod's stop is graceful. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(25);
  private final KafkaStreams streams;
  private final SearchEngine engine;
  private final java.util.concurrent.atomic.AtomicReference<Throwable> failure;
  private final Metrics metrics;
  private final MetricsEndpoint http;

  private SyncApp(KafkaStreams streams, SearchEngine engine, java.util.concurrent.atomic.AtomicReference<Throwable> failure,
      Metrics metrics, MetricsEndpoint http) {
    this.metrics = metrics;
    this.http = http;
    this.failure = failure;
    this.streams = streams;
    this.engine = engine;
  }

  /**
   * Creates the indexes if missing, then starts the topology.
   *
   * @param stateDir used as state.dir unless the configuration sets one
   */
  public static SyncApp start(AppConfig configured, Endpoints endpoints, Optional<Path> stateDir) throws IOException {
    // the embedded parts' addresses are known only now; external ones stay as configured (all hosts)
    var overrides = new HashMap<String, String>();
    if (!configured.stack().kafkaExternal()) {
      overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
    }
    if (configured.stack().searchUrl().isEmpty()) {
      overrides.put(SinkSettings.HOSTS, endpoints.searchUrl());
    }
    if (configured.topology().registryUrl().isBlank() && !endpoints.registryUrl().isEmpty()) {
      overrides.put(dev.denorm.config.TopologySettings.REGISTRY_URL, endpoints.registryUrl());
    }
    if (!configured.streamsProperties().containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
      stateDir.ifPresent(dir -> overrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
    }
    var config = configured.with(overrides);
    checkChangeTopicPartitions(config);
    checkStoredShapes(config);
    var engine = new SearchEngine(config.sink());
    try {
      var documentTopicIds = documentTopicIds(config);
      StartupWait.until("the search engine", String.join(",", config.sink().hosts()), () -> {
        engine.prepare(config.indexes().all(), documentTopicIds);
        return null;
      });
      var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      var streams = new KafkaStreams(SyncTopology.build(config, config.indexes(), () -> engine, meters),
          config.streamsProperties());
      var metrics = Metrics.bind(meters, streams);
      MetricsEndpoint http = null;
      if (config.http().port() >= 0) {
        http = MetricsEndpoint.start(config.http().host(), config.http().port(), meters);
        LOG.info("Prometheus metrics at http://{}:{}/metrics", config.http().host(), http.port());
      }
      var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
      streams.setUncaughtExceptionHandler(e -> {
        failure.compareAndSet(null, e);
        LOG.error("stream thread failed; stopping this instance", e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.start();
      return new SyncApp(streams, engine, failure, metrics, http);
    } catch (IOException | RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** Older schemas into the history; a stop here when stored data cannot follow a change. */
  private static void checkStoredShapes(AppConfig config) throws IOException {
    String bootstrap = config.streamsProperties().getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    String applicationId = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    var schemas = new SchemaHistoryTopic(bootstrap, config.topology().schemaHistoryTopic());
    var plans = new IndexPlansTopic(bootstrap, applicationId);
    StartupWait.until("Kafka (" + schemas.name() + ", " + plans.name() + ")", bootstrap, () -> {
      schemas.loadCheckAndRecord(config.indexes());
      plans.checkAndRecord(config.indexes(), applicationId, config.changeTopics());
      return null;
    });
  }

  /** The change topics' partition counts must suit routing and truncates; the repair topics follow them. */
  private static void checkChangeTopicPartitions(AppConfig config) throws IOException {
    var topics = new java.util.TreeSet<>(config.changeTopics());
    String bootstrap = config.streamsProperties().getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    var counts = StartupWait.until("Kafka", bootstrap, () -> dev.denorm.stack.Topics.partitions(bootstrap, topics));
    RoutingPartitions.requireUniform(config.topology().partitions(), counts);
    TruncatePartitions.requireSingle(config.topology().applyTruncates(), counts);
    int routing = config.topology().partitions() > 0 ? config.topology().partitions()
        : counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    String applicationId = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    StartupWait.until("Kafka (repair topics)", bootstrap, () -> {
      RepairTopics.ensure(bootstrap, applicationId, config.indexes().names(), routing);
      return null;
    });
  }

  /** Index name -> the id of its document topic, for those that exist (the sink's version generations). */
  private static java.util.Map<String, String> documentTopicIds(AppConfig config) throws IOException {
    String bootstrap = config.streamsProperties().getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    var byTopic = new java.util.HashMap<String, String>();
    for (String index : config.indexes().names()) {
      byTopic.put(config.topology().documentTopic(index), index);
    }
    var ids = StartupWait.until("Kafka", bootstrap, () -> dev.denorm.stack.Topics.ids(bootstrap, byTopic.keySet()));
    var byIndex = new java.util.HashMap<String, String>();
    ids.forEach((topic, id) -> byIndex.put(byTopic.get(topic), id));
    return byIndex;
  }

  /** The Kafka Streams instance, for tests of the group's behaviour. */
  KafkaStreams streams() {
    return streams;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** What stopped a stream thread first, if one stopped. */
  public java.util.Optional<Throwable> failure() {
    return java.util.Optional.ofNullable(failure.get());
  }

  public boolean failed() {
    var state = streams.state();
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
  }

  /**
   * Stops gracefully, within {@link #CLOSE_TIMEOUT}: each task's sink sends what it buffered and
   * waits for the engine, the offsets are committed, then the instance leaves the group, so the
   * others take its tasks over at once instead of after the session timeout. If the engine does not
   * answer in time, the uncommitted rest is redone by the next owner (versions make that harmless).
   */
  @Override
  public void close() throws IOException {
    long start = System.nanoTime();
    boolean clean = streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(CLOSE_TIMEOUT));
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    if (clean) {
      LOG.info("Kafka Streams stopped in {} ms: sinks flushed, offsets committed, left the group", ms);
    } else {
      LOG.warn("Kafka Streams did not stop within {} s (a sink waiting for the search engine?): what it had not "
          + "committed is processed again by the instance that takes its tasks over", CLOSE_TIMEOUT.toSeconds());
    }
    if (http != null) {
      http.close();
    }
    metrics.close();
    engine.close();
  }

  /** The port /metrics is served on, if it is. */
  public java.util.OptionalInt httpPort() {
    return http == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(http.port());
  }
}
