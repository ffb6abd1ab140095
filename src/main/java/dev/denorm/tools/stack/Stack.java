package dev.denorm.tools.stack;

import dev.denorm.capture.ConnectorRegistration;
import dev.denorm.app.spi.EmbeddedStack;
import dev.denorm.index.Indexes;
import java.util.concurrent.CompletionException;
import dev.denorm.capture.WalGuard;
import dev.denorm.config.Endpoints;
import dev.denorm.capture.Topics;
import dev.denorm.config.AppConfig;
import dev.denorm.config.KafkaClients;
import dev.denorm.config.TopologySettings;
import dev.denorm.config.StackSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stack: every part that has no external endpoint is started here, independent
 * parts in parallel (search engine, PostgreSQL, broker; Connect once the broker is up). Then the
 * reference schema is created in an embedded database, the caller's setup runs, the change
 * topics are created on an embedded broker, and the Debezium connector is registered on an
 * embedded worker. {@link #close()} stops everything that was started, in dependency order.
 */
public final class Stack implements EmbeddedStack.Running {

  /** Runs against the database after the schema exists and before the connector's snapshot. */
  @FunctionalInterface
  public interface Setup {
    void run(Endpoints endpoints) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);

  private final Parts parts = new Parts();
  private final WorkDir workDir;
  private Endpoints endpoints;

  private Stack(WorkDir workDir) {
    this.workDir = workDir;
  }

  public static Stack start(AppConfig config, Setup setup) throws Exception {
    return start(config, setup, Map.of());
  }

  /**
   * The same, with {@code connectorSettings} laid over the connector's config before it is registered
   * (its file's and the derived {@code table.include.list}): to measure a connector setting, or to make
   * a test's snapshot read a table its own way.
   */
  public static Stack start(AppConfig config, Setup setup, Map<String, String> connectorSettings) throws Exception {
    var stack = new Stack(WorkDir.of(config.stack().dataDir()));
    try {
      stack.startParts(config);
      stack.prepare(config, setup, connectorSettings);
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startParts(AppConfig config) throws Exception {
    StackSettings s = config.stack();
    var dir = workDir.path();
    ExecutorService pool =
        Executors.newFixedThreadPool(3, Thread.ofPlatform().daemon().name("stack-start-", 0).factory());
    try {
      var kept = workDir.temporary() ? Optional.<Path>empty() : Optional.of(dir);
      var search = s.searchUrl().isPresent() ? null : CompletableFuture.supplyAsync(
          () -> parts.search = LocalSearch.start(workDir.port("search", s.searchPort()), dir.resolve("search")), pool);
      var postgres = s.postgresUrl().isPresent() ? null : CompletableFuture.supplyAsync(
          () -> parts.postgres = LocalPostgres.start(workDir.port("postgres", s.postgresPort()), kept), pool);
      var kafka = s.kafkaExternal() ? CompletableFuture.completedFuture((LocalKafka) null)
          : CompletableFuture.supplyAsync(
              () -> parts.kafka = LocalKafka.start(workDir.port("kafka", s.kafkaPort()),
                  workDir.port("kafka.controller", s.kafkaControllerPort()), dir.resolve("kafka")), pool);
      var external = config.streamsProperties().getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
      // an external broker with the application's own client settings (security.protocol, SASL, SSL)
      var connect = s.connectUrl().isPresent() ? null
          : kafka.thenApplyAsync(k -> parts.connect = LocalConnect.start(k == null ? KafkaClients.of(config).connectionSettings()
              : Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers()), workDir.port("connect", s.connectPort()),
              s.connectOffsetFlushMs()),
              pool);
      var registry = !embeddedRegistry(config) ? null : CompletableFuture.supplyAsync(
          () -> parts.registry = LocalRegistry.start(s.registryHome(), dir.resolve("registry.log")), pool);
      var all = new ArrayList<CompletableFuture<?>>(List.of(kafka));
      for (var f : new CompletableFuture<?>[] {search, postgres, connect, registry}) {
        if (f != null) {
          all.add(f);
        }
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      endpoints = new Endpoints(
          parts.postgres != null ? parts.postgres.jdbcUrl() : s.postgresUrl().orElseThrow(),
          s.postgresUser(), s.postgresPassword(),
          parts.kafka != null ? parts.kafka.bootstrapServers() : external,
          parts.connect != null ? parts.connect.restUrl() : s.connectUrl().orElseThrow(),
          parts.search != null ? parts.search.url() : s.searchUrl().orElseThrow(),
          parts.registry != null ? parts.registry.confluentUrl() : config.topology().registryUrl());
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      pool.shutdownNow();
    }
  }

  private void prepare(AppConfig config, Setup setup, Map<String, String> connectorSettings) throws Exception {
    if (parts.postgres != null) {
      try (var connection = endpoints.connect()) {
        if (ReferenceSchema.ensure(connection)) {
          LOG.info("created the reference shop schema");
        }
      }
    }
    setup.run(endpoints);
    var topology = config.topology();
    if (parts.kafka != null) {
      var kafka = KafkaClients.of(config).withBootstrapServers(endpoints.bootstrapServers());
      Topics.ensure(kafka, Indexes.of(config).changeTopics(config.topology()), 1, true);
      Topics.ensure(kafka, Indexes.of(config).names().stream().map(topology::documentTopic).toList(), 1, false);
    }
    if (parts.connect != null) {
      var connector = topology.sourceFormat() == TopologySettings.SourceFormat.AVRO
          ? ConnectorConfig.forDatabaseWithAvro(endpoints.jdbcUrl(), endpoints.postgresUser(),
              endpoints.postgresPassword().value(), topology.sourceTopicPrefix(), apicurioUrl(endpoints.registryUrl()))
          : ConnectorConfig.forDatabase(endpoints.jdbcUrl(), endpoints.postgresUser(),
              endpoints.postgresPassword().value(), topology.sourceTopicPrefix());
      connector.put("table.include.list", ConnectorConfig.tableIncludeList(topology.sourceSchema(), Indexes.of(config)));
      connectorSettings.forEach(connector::put);
      if (!connectorSettings.isEmpty()) {
        LOG.info("connector settings laid over the file's: {}", connectorSettings.keySet());
      }
      new ConnectorRegistration(endpoints.connectUrl()).register(config.stack().connectorName(), connector,
          Duration.ofSeconds(60));
      LOG.info("registered Debezium connector {}", config.stack().connectorName());
    }
  }

  /** Avro events and no registry given: the stack runs its own. */
  private static boolean embeddedRegistry(AppConfig config) {
    return config.topology().sourceFormat() == TopologySettings.SourceFormat.AVRO && config.topology().registryUrl().isBlank();
  }

  /** The embedded Connect worker's Apicurio converter speaks Apicurio's API, next to the Confluent one. */
  private static String apicurioUrl(String confluentUrl) {
    if (!confluentUrl.endsWith("/apis/ccompat/v7")) {
      throw new IllegalStateException("the embedded Connect worker's Avro converter (Apicurio's) needs an Apicurio Registry;"
          + " denorm.source.registry.url " + confluentUrl + " is not one (…/apis/ccompat/v7): run your own Connect worker"
          + " (denorm.stack.connect.url) with the converter of your registry");
    }
    return confluentUrl.substring(0, confluentUrl.length() - "/apis/ccompat/v7".length()) + "/apis/registry/v2";
  }

  @Override
  public Endpoints endpoints() {
    return endpoints;
  }

  /** Where Kafka Streams keeps its state for this stack: kept with a data directory, else temporary. */
  @Override
  public Path streamsStateDir() {
    return workDir.path().resolve("streams");
  }

  /** Stops Connect, the broker, the search engine and PostgreSQL; deletes a temporary directory. */
  @Override
  public void close() {
    parts.close();
    workDir.close();
  }

  /** The started parts; fields are written by the start threads, read after they joined. */
  private static final class Parts implements AutoCloseable {
    volatile LocalSearch search;
    volatile LocalPostgres postgres;
    volatile LocalKafka kafka;
    volatile LocalConnect connect;
    volatile LocalRegistry registry;

    @Override
    public void close() {
      for (AutoCloseable part : new AutoCloseable[] {connect, registry, kafka, search, postgres}) {
        if (part != null) {
          try {
            part.close();
          } catch (Exception e) {
            LOG.warn("stopping {} failed", part.getClass().getSimpleName(), e);
          }
        }
      }
    }
  }

}
