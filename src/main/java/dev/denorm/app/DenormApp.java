package dev.denorm.app;

import dev.denorm.capture.CapturePosition;
import dev.denorm.capture.ConnectorWatch;
import dev.denorm.capture.WalGuard;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.config.HttpSettings.Route;
import dev.denorm.config.KafkaClients;
import dev.denorm.config.SinkSettings;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.Indexes;
import dev.denorm.position.Barrier;
import dev.denorm.position.Positions;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.status.RestoreProgress;
import dev.denorm.status.StatusMonitor;
import dev.denorm.status.StatusPage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application itself: the production topology (documents and the search-engine sink) in a
 * KafkaStreams instance, against the stack's Kafka and search engine.
 */
public final class DenormApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DenormApp.class);
  /** Below Kubernetes' default grace period of 30 s, so that a pod's stop is graceful. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(25);
  private final KafkaStreams streams;
  private final EngineSession engine;
  private final AtomicReference<Throwable> failure;
  private final Metrics metrics;
  private final MetricsEndpoint http;
  private final DocumentsRoute documents;
  private final StatusMonitor status;
  private final EngineIndexRebuilds rebuilds;
  private final WaitRoute waits;
  private final CapturePosition capture;

  private DenormApp(KafkaStreams streams, EngineSession engine, AtomicReference<Throwable> failure,
      Metrics metrics, MetricsEndpoint http, DocumentsRoute documents, StatusMonitor status, EngineIndexRebuilds rebuilds,
      WaitRoute waits, CapturePosition capture) {
    this.waits = waits;
    this.capture = capture;
    this.status = status;
    this.rebuilds = rebuilds;
    this.metrics = metrics;
    this.http = http;
    this.documents = documents;
    this.failure = failure;
    this.streams = streams;
    this.engine = engine;
  }

  /**
   * Creates the indexes if missing (and starts rebuilding those whose mapping, settings or topology
   * version changed, see {@link EngineIndexRebuilds}), then starts the topology.
   *
   * @param stateDir used as state.dir unless the configuration sets one
   */
  public static DenormApp start(AppConfig configured, Endpoints endpoints, Optional<Path> stateDir) throws IOException {
    var config = withEndpoints(configured, endpoints, stateDir);
    var indexes = Indexes.of(config);
    var kafka = KafkaClients.of(config);
    var documentTopicIds = KafkaPreparation.prepare(config, indexes, kafka);
    var engine = new EngineSession(config.sink());
    MetricsEndpoint http = null;
    DocumentsRoute documents = null;
    StatusMonitor status = null;
    EngineIndexRebuilds rebuilds = null;
    WaitRoute waits = null;
    CapturePosition capture = null;
    // sampled for /wait, and for transaction-aligned documents, which wait for the marks the samples make
    var positions = config.http().port() >= 0 && config.http().waitEnabled() || config.topology().transactionsAligned()
        ? Positions.sampled() : Positions.none();
    try {
      StartupWait.until("the search engine", String.join(",", config.sink().hosts()), () -> {
        engine.prepare(indexes.all(), documentTopicIds);
        return null;
      });
      rebuilds = EngineIndexRebuilds.open(config, kafka, engine);
      var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      var properties = config.streamsProperties();
      if (config.http().port() >= 0) {
        // bound before Kafka Streams exists: its application.server must name the port actually bound
        http = MetricsEndpoint.start(config.http(), meters);
        documents = DocumentsRoute.addTo(http, config.http(), indexes, engine.client()).orElse(null);
        if (config.http().waitEnabled()) {
          waits = new WaitRoute(indexes, config.topology()::documentTopic, new Barrier(positions, engine::refresh),
              config.http().token(), meters);
          http.route(WaitRoute.PATH, Route.WAIT, waits::handle);
        }
        if (documents != null || waits != null) {
          properties.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, config.http().advertised() + ":" + http.port());
        }
      }
      var streams = new KafkaStreams(DenormTopology.build(config, indexes, () -> engine, meters, positions), properties);
      var restores = new RestoreProgress();
      streams.setGlobalStateRestoreListener(restores);
      streams.setStateListener(new FirstRunning());
      if (http != null) {
        status = new StatusMonitor(config, kafka, streams, engine, meters, restores);
        status.positions(positions);
        var page = new StatusPage(status);
        http.route(StatusPage.PATH, Route.STATUS, page);
        http.routeOpen(StatusPage.PAGE_PATH, page, "");
        LOG.info("HTTP endpoint at http://{}:{}: {}", config.http().host(), http.port(), http.describe());
      }
      if (waits != null) {
        waits.serve(streams, HostInfo.buildFromEndpoint(properties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG)));
      }
      if (documents != null) {
        var self = HostInfo.buildFromEndpoint(properties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
        documents.serve(streams, self);
        LOG.info("Documents by id at http://{}:{}{}<index>/<id> (this instance is {} to the group)", config.http().host(),
            http.port(), DocumentsRoute.PATH, DocumentsRoute.address(self));
      }
      var metrics = Metrics.bind(meters, streams);
      var failure = new AtomicReference<Throwable>();
      streams.setUncaughtExceptionHandler(e -> {
        failure.compareAndSet(null, e);
        LOG.error("stream thread failed; stopping this instance", e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.start();
      rebuilds.start();
      if (positions.tracked()) {
        capture = CapturePosition.start(kafka, config.stack().connectOffsetsTopic(),
            config.stack().connectorName(), properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
            indexes.changeTopics(config.topology()), endpoints::connect, positions);
      }
      return new DenormApp(streams, engine, failure, metrics, http, documents, status == null ? null : status.start(),
          rebuilds, waits, capture);
    } catch (IOException | RuntimeException e) {
      if (capture != null) {
        capture.close();
      }
      if (rebuilds != null) {
        rebuilds.close();
      }
      if (status != null) {
        status.close();
      }
      if (http != null) {
        http.close();
      }
      if (documents != null) {
        documents.close();
      }
      if (waits != null) {
        waits.close();
      }
      engine.close();
      throw e;
    }
  }

  /** The embedded parts' addresses, known only now; external ones stay as configured (all hosts). */
  private static AppConfig withEndpoints(AppConfig configured, Endpoints endpoints, Optional<Path> stateDir) {
    var overrides = new HashMap<String, String>();
    if (!configured.stack().kafkaExternal()) {
      overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
    }
    if (configured.stack().searchUrl().isEmpty()) {
      overrides.put(SinkSettings.HOSTS, endpoints.searchUrl());
    }
    if (configured.topology().registryUrl().isBlank() && !endpoints.registryUrl().isEmpty()) {
      overrides.put(TopologySettings.REGISTRY_URL, endpoints.registryUrl());
    }
    if (!configured.streamsProperties().containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
      stateDir.ifPresent(dir -> overrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
    }
    return configured.with(overrides);
  }

  /** Whether the index rebuilds this start began are all done (the aliases moved); true when there were none. */
  public boolean rebuildsFinished() {
    return rebuilds.finished();
  }

  /** The Kafka Streams instance, for tests of the group's behaviour. */
  KafkaStreams streams() {
    return streams;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** What stopped a stream thread first, if one stopped. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
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
    if (capture != null) {
      capture.close();
    }
    rebuilds.close();
    metrics.stopStreams(); // no metric read may meet a store as it closes (SafeKafkaStreamsMetrics)
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
    if (documents != null) {
      documents.close();
    }
    if (waits != null) {
      waits.close();
    }
    if (status != null) {
      status.close();
    }
    metrics.close();
    engine.close();
  }

  /** Shows the WAL guard's and the connector watch's findings on the status page (if there is an HTTP endpoint). */
  public void watch(WalGuard walGuard, ConnectorWatch connectorWatch) {
    if (status != null) {
      status.watch(walGuard, connectorWatch);
    }
  }

  /** The port /metrics, /status and /documents are served on, if they are. */
  public OptionalInt httpPort() {
    return http == null ? OptionalInt.empty() : OptionalInt.of(http.port());
  }
}
