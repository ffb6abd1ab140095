package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.capture.Topics;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.config.KafkaClients;
import dev.denorm.index.Indexes;
import dev.denorm.testing.FreePorts;
import dev.denorm.testing.SecuredKafkaBroker;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.Stack;
import dev.denorm.tools.stack.TestParts;
import dev.denorm.testing.Sql;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command against a broker whose only listener for clients is SASL_SSL with SCRAM-SHA-512, on a
 * certificate of an authority the test makes: the client settings are given as a user gives them (a
 * properties file), the embedded Connect worker gets them too. {@code run} (a child JVM, as deployed)
 * indexes the shop; {@code verify --source topics} reads the document topics; {@code verify --repair}
 * re-emits a document the engine lost; {@code resnapshot} deletes a row whose delete the stream
 * missed; {@code status} and the instance's /status read the group's lag and the dead-letter topics; a second {@code run} with another shard count rebuilds every index from
 * its document topic. A client with bootstrap.servers alone gets nowhere on that broker.
 */
class SecuredKafkaIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> INDEXES = List.of("products", "customers", "orders");
  private static final Duration PATIENCE = Duration.ofSeconds(150);

  @TempDir Path tmp;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    for (var process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  void shouldRunVerifyRepairShowStatusAndReindexAgainstABrokerThatOnlySpeaksSaslSsl() throws Exception {
    // the broker (certificates, format, start) and the search engine start at the same time
    var searchUrl = new String[1];
    var searchStart = CompletableFuture.supplyAsync(() -> TestParts.search(tmp.resolve("search"), url -> searchUrl[0] = url));
    var kafkaStart = CompletableFuture.supplyAsync(() -> {
      try {
        return SecuredKafkaBroker.start();
      } catch (Exception e) {
        throw new IllegalStateException("the secured broker did not start", e);
      }
    });
    try (var search = searchStart.join(); var kafka = kafkaStart.join()) {
      refusedWithoutTheSettings(kafka.bootstrapServers());
      var settings = new HashMap<>(kafka.clientSettings());
      settings.put("commit.interval.ms", "500");
      settings.put("denorm.sink.hosts", searchUrl[0]);
      settings.put("denorm.sink.index.replicas", "0");
      var config = AppConfig.from(settings);
      try (var stack = Stack.start(config, e -> {
            try (var c = e.connect()) {
              new ShopGenerator(10, 5).fill(c);
            }
          });
          var documents = new SearchDocuments(searchUrl[0])) {
        var endpoints = stack.endpoints();
        // the sink reads the document topics: on a broker of one's own, they are created beforehand
        Topics.ensure(KafkaClients.of(config), Indexes.of(config).names().stream()
            .map(config.topology()::documentTopic).toList(), 1, true);
        int httpPort = FreePorts.next();
        var file = tmp.resolve("denorm.properties");
        writeProperties(file, settings, Map.of("denorm.stack.postgres.url", endpoints.jdbcUrl(),
            "denorm.stack.connect.url", endpoints.connectUrl(), "denorm.http.port", Integer.toString(httpPort),
            "denorm.stack.data.dir", tmp.resolve("data").toString()));

        var firstLog = tmp.resolve("run-1.log");
        var run = startRun(firstLog, "--config", file.toString(), "run");
        awaitOracle(run, firstLog, endpoints, documents, config);

        var topics = command("--config", file.toString(), "verify", "--source", "topics");
        assertThat(topics.exit).as(topics.output).isZero();
        assertThat(topics.output).contains("document topics on " + kafka.bootstrapServers(), "All documents match the oracle.");

        send("DELETE", searchUrl[0] + "/orders/_doc/1");
        var found = command("--config", file.toString(), "verify");
        assertThat(found.exit).as(found.output).isEqualTo(1);
        var repaired = command("--config", file.toString(), "verify", "--repair");
        assertThat(repaired.exit).as(repaired.output).isZero();
        assertThat(repaired.output).contains("Repair: 1 documents re-emitted and written")
            .endsWith("All documents match the oracle." + System.lineSeparator());

        // resnapshot's delete pass reads the change topic and writes a tombstone to it, and the command
        // follows Debezium's notifications: all through SASL_SSL
        String base = "http://127.0.0.1:" + httpPort;
        try (var c = endpoints.connect()) {
          Sql.exec(c, "INSERT INTO shop.products (id, sku, name, price) VALUES (9001, 'GONE-9001', 'deleted unseen', 1.00)");
        }
        await("the new product indexed").atMost(PATIENCE).until(() -> {
          try {
            return send("GET", searchUrl[0] + "/products/_doc/9001").contains("deleted unseen");
          } catch (AssertionError notYet) {
            return false; // 404 until the sink wrote it
          }
        });
        try (var c = endpoints.connect()) {
          Sql.exec(c, "ALTER PUBLICATION denorm_shop DROP TABLE shop.products");
          Sql.exec(c, "DELETE FROM shop.products WHERE id = 9001");
          Sql.exec(c, "ALTER PUBLICATION denorm_shop ADD TABLE shop.products");
        }
        var resnapshot = command("--config", file.toString(), "resnapshot", "products", "--url", base, "--timeout", "120s");
        assertThat(resnapshot.exit).as(resnapshot.output).isZero();
        assertThat(resnapshot.output).contains("1 gone from shop.products, a tombstone written for each: 9001",
            "Searchable in products, orders up to");
        var afterResnapshot = command("--config", file.toString(), "verify");
        assertThat(afterResnapshot.exit).as(afterResnapshot.output).isZero();

        var status = new Run[1];
        await("status: every index fresh").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
          assertThat(run.isAlive()).as("run is alive; its log:%n%s", Files.readString(firstLog)).isTrue();
          status[0] = command("status", "--url", base);
          return status[0].exit == 0;
        });
        assertThat(status[0].output).contains("products", "customers", "orders", "instance:  RUNNING");
        var report = JSON.readTree(send("GET", base + "/status"));
        assertThat(report.path("problem").isNull()).as("problems of the status page: %s", report.path("problem")).isTrue();
        assertThat(report.path("lag")).as("the group's lag, read through Admin").isNotEmpty();

        stop(run, firstLog);

        // another shard count changes every index's fingerprint: each is rebuilt from its document topic
        var secondLog = tmp.resolve("run-2.log");
        var rerun = startRun(secondLog, "--config", file.toString(), "--set", "denorm.sink.index.shards=2", "run");
        await("every index rebuilt and its alias moved").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
          assertThat(rerun.isAlive()).as("run is alive; its log:%n%s", Files.readString(secondLog)).isTrue();
          return INDEXES.stream().allMatch(index -> aliasTargets(searchUrl[0], index).equals(List.of(index + "-v2")));
        });
        awaitOracle(rerun, secondLog, endpoints, documents, config);
        stop(rerun, secondLog);

        for (var log : List.of(firstLog, secondLog)) {
          assertThat(Files.readString(log)).as(log.getFileName().toString())
              .doesNotContain("Waiting for Kafka", kafka.password());
        }
      }
    }
  }

  /** The only client listener is SASL_SSL: a client with bootstrap.servers alone gets no answer. */
  private static void refusedWithoutTheSettings(String bootstrapServers) {
    try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "default.api.timeout.ms", 3_000,
        "request.timeout.ms", 2_000))) {
      assertThatThrownBy(() -> admin.listTopics().names().get()).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
    }
  }

  private static void writeProperties(Path file, Map<String, String> settings, Map<String, String> more) throws IOException {
    var properties = new Properties();
    properties.putAll(settings);
    properties.putAll(more);
    try (var out = Files.newBufferedWriter(file)) {
      properties.store(out, "as a user writes them");
    }
  }

  /** Polls until every document in the engine equals its oracle; fails at once if run exited. */
  private static void awaitOracle(Process run, Path log, Endpoints endpoints, SearchDocuments documents, AppConfig config) {
    await("every document equal to its oracle").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
      assertThat(run.isAlive()).as("run is alive; its log:%n%s", Files.readString(log)).isTrue();
      try (var c = endpoints.connect()) {
        return Verifier.allMatch(Verifier.verify(c, documents, Indexes.of(config)));
      } catch (IOException e) {
        return false; // an index not created yet
      }
    });
  }

  /** SIGTERM: the graceful stop. */
  private static void stop(Process run, Path log) throws Exception {
    run.destroy();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("run stops on SIGTERM").isTrue();
    assertThat(Files.readString(log)).contains("stopped in");
  }

  private record Run(int exit, String output) {}

  /** A command in this JVM, as {@code denorm ARGS}; its exit code and what it printed. */
  private static Run command(String... args) {
    var out = new ByteArrayOutputStream();
    int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
        args);
    String output = out.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    return new Run(exit, output);
  }

  /** {@code denorm ARGS} in a JVM of its own (this test's classpath), output and errors to {@code log}. */
  private Process startRun(Path log, String... args) throws IOException {
    var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
        "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("DENORM_"));
    var process = builder.start();
    started.add(process);
    return process;
  }

  /** The indexes an alias points at; none while the engine does not answer. */
  private static List<String> aliasTargets(String searchUrl, String alias) {
    try {
      var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(searchUrl + "/_alias/" + alias))
          .build(), HttpResponse.BodyHandlers.ofString());
      var targets = new ArrayList<String>();
      if (response.statusCode() == 200) {
        JSON.readTree(response.body()).fieldNames().forEachRemaining(targets::add);
      }
      return targets;
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private static String send(String method, String url) throws IOException, InterruptedException {
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
    return response.body();
  }
}
