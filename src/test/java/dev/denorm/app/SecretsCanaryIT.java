package dev.denorm.app;

import java.util.Set;
import dev.denorm.index.Indexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.AppConfig;
import dev.denorm.testing.FaultProxy;
import dev.denorm.testing.FreePorts;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.ReferenceSchema;
import dev.denorm.tools.stack.TestParts;
import dev.denorm.verify.OracleQuery;
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
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One canary string in every secret setting (each {@code password}-typed denorm.* key and each Kafka
 * client one: ssl.key.password, sasl.jaas.config, ...), through a {@code *_FILE} variable or a
 * config provider, and in the JDBC URL's password= and a host's user info, is found in no log line
 * (every library at INFO), no HTTP answer and no dead letter of: {@code run} on the embedded stack
 * (PostgreSQL apart, so that its URL carries the password), its /status, /status.html, /metrics and
 * /documents, the {@code status} command, {@code verify}, four failures (a host with user info, a
 * bad value, a database and an engine that refuse) and a malformed change event's dead letter.
 * The parts ignore the canary: PostgreSQL trusts local connections, the engine and the broker run
 * without security.
 */
class SecretsCanaryIT {

  /** The secrets of ours the running application holds; every other one goes to a start that is refused. */
  private static final Set<String> RUN_KEYS = Set.of("denorm.sink.password", "denorm.stack.postgres.password",
      "denorm.http.token");
  /** The canary in the secrets of {@code fail-exclusive}, through {@code *_FILE} variables. */
  private final Map<String, String> exclusiveEnv = new HashMap<>();

  private static final String CANARY = "canary" + UUID.randomUUID().toString().replace("-", "");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START = Duration.ofMinutes(5);

  @TempDir Path tmp;
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Path> logs = new TreeMap<>();
  /** Every HTTP answer of denorm's (what was asked, headers, body) and what the status command printed. */
  private final List<String> answers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private AutoCloseable postgres;
  private String jdbcUrl;

  @AfterEach
  void stop() throws Exception {
    for (var process : processes) {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void shouldShowTheCanaryInNoLogLineHttpAnswerOrDeadLetter() throws Exception {
    postgres = TestParts.postgres(url -> jdbcUrl = url);
    Map<String, Integer> expected;
    try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
      ReferenceSchema.ensure(c);
      new ShopGenerator(10, 7).fill(c);
      expected = new TreeMap<>();
      OracleQuery.expected(c, Indexes.shop()).forEach((index, documents) -> expected.put(index, documents.size()));
    }
    String urlWithPassword = jdbcUrl + "?password=" + CANARY;
    var ports = Map.of("kafka", FreePorts.next(), "kafka.controller", FreePorts.next(), "connect", FreePorts.next(),
        "search", FreePorts.next());
    int httpPort = FreePorts.next();
    var env = plantCanary();
    var config = new StringBuilder(Files.readString(tmp.resolve("provided-keys.properties")))
        .append("denorm.stack.postgres.url=").append(urlWithPassword).append('\n')
        .append("denorm.sink.username=elastic\n")
        // the embedded engine speaks http: send the planted password anyway
        .append("denorm.sink.allow.insecure.credentials=true\n")
        .append("denorm.http.port=").append(httpPort).append('\n')
        .append("commit.interval.ms=500\n");
    ports.forEach((part, port) -> config.append("denorm.stack.").append(part).append(".port=").append(port).append('\n'));
    var configFile = Files.writeString(tmp.resolve("denorm.properties"), config);
    String searchUrl = "http://127.0.0.1:" + ports.get("search");
    String base = "http://127.0.0.1:" + httpPort;

    // start
    var run = start("run", env, configFile, "run");
    JsonNode status = await("every document indexed").atMost(START).pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions().until(() -> statusOf(run, base), s -> documents(s).equals(expected));
    assertThat(connectorPassword(ports.get("connect"))).as("the password from its _FILE reached the connector")
        .isEqualTo(CANARY);

    // a dead letter
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        "127.0.0.1:" + ports.get("kafka")), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("pg.shop.customers", "{\"id\":999}", "not a change event")).get();
    }
    status = await("the dead letter counted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> statusOf(run, base), s -> s.path("changeDeadLetters").path("count").asLong() >= 1);
    assertThat(status.path("changeDeadLetters").path("lastError").asText())
        .startsWith("MalformedChangeException at pg.shop.customers-0@");

    // the HTTP answers, and the status command
    for (String path : List.of("/status", "/status.html", "/metrics", "/documents/customers/1", "/status/none")) {
      get(base + path);
    }
    answers.add("POST /status\n" + http.send(HttpRequest.newBuilder(URI.create(base + "/status"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
    var out = new ByteArrayOutputStream();
    assertThat(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
        "status", "--url", base)).isIn(0, 1);
    answers.add("denorm status\n" + out.toString(StandardCharsets.UTF_8));

    // verify
    await("verify to find every document").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5))
        .until(() -> exit(start("verify", env, configFile, "--set", "denorm.sink.hosts=" + searchUrl, "verify")) == 0);

    // failures
    assertThat(exit(start("fail-user-info", env, configFile,
        "--set", "denorm.sink.hosts=http://elastic:" + CANARY + "@127.0.0.1:" + FreePorts.next(), "run"))).isEqualTo(2);
    assertThat(exit(start("fail-bad-value", env, configFile, "--set", "denorm.emit.interval.ms=5", "run"))).isEqualTo(2);
    assertThat(exit(start("fail-database", env, configFile, "--set", "denorm.stack.postgres.url=jdbc:postgresql://127.0.0.1:"
        + FreePorts.next() + "/postgres?user=postgres&password=" + CANARY, "--set", "denorm.sink.hosts=" + searchUrl,
        "verify"))).isEqualTo(2);
    // the secrets one running application cannot hold at once (a second way to authenticate, credentials
    // for parts it does not reach, passwords of stores it has none of) are refused at start: never printed
    var exclusive = new HashMap<>(env);
    exclusive.putAll(exclusiveEnv);
    assertThat(exclusiveEnv).isNotEmpty();
    assertThat(exit(start("fail-exclusive", exclusive, configFile, "run"))).isEqualTo(2);
    try (var refusing = new FaultProxy(searchUrl)) {
      refusing.failWith(401);
      assertThat(exit(start("fail-engine", env, configFile, "--set", "denorm.sink.hosts=" + refusing.url(), "verify")))
          .isEqualTo(2);
    }

    var deadLetters = deadLetters(ports.get("kafka"));
    run.destroy();
    assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("run stopped on SIGTERM").isTrue();

    // the canary is nowhere
    assertThat(deadLetters).as("dead letters").isNotEmpty();
    assertThat(deadLetters.stream().filter(letter -> letter.contains(CANARY)).toList()).as("dead letters with the canary")
        .isEmpty();
    assertThat(answers).as("HTTP answers").hasSizeGreaterThan(7);
    assertThat(answers.stream().filter(answer -> answer.contains(CANARY)).toList()).as("HTTP answers with the canary")
        .isEmpty();
    int lines = 0;
    for (var log : logs.entrySet()) {
      var logLines = Files.readAllLines(log.getValue(), StandardCharsets.UTF_8);
      assertThat(logLines).as(log.getKey() + " log").isNotEmpty();
      assertThat(logLines.stream().filter(line -> line.contains(CANARY)).toList()).as("lines of the " + log.getKey()
          + " log with the canary").isEmpty();
      lines += logLines.size();
    }
    System.out.printf("no canary in %d log lines of %d processes, %d HTTP answers, %d dead letters%n", lines,
        processes.size(), answers.size(), deadLetters.size());
    // and the places it would have been in say so masked
    assertThat(log("run")).contains("?password=***", "denorm is running");
    assertThat(log("verify")).contains("with the oracle on " + jdbcUrl + "?password=***", "All documents match");
    assertThat(log("fail-user-info")).contains("http://***@127.0.0.1", "user info");
    assertThat(log("fail-database")).contains("cannot connect to PostgreSQL at", "password=***", "SQLState");
    assertThat(log("fail-engine")).contains("HTTP 401 from the search engine");
  }

  /**
   * The canary in every secret setting, half through {@code *_FILE} variables (returned), half
   * through the file config provider (in provided-keys.properties, to be part of the config file).
   */
  private Map<String, String> plantCanary() throws IOException {
    exclusiveEnv.clear();
    var keys = new TreeSet<String>();
    for (var def : List.of(AppConfig.DEFINITION, ProducerConfig.configDef(), ConsumerConfig.configDef(),
        AdminClientConfig.configDef())) {
      def.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD).forEach(k -> keys.add(k.name));
    }
    assertThat(keys).contains("denorm.sink.password", "denorm.sink.api.key", "denorm.stack.postgres.password",
        "ssl.key.password", "sasl.jaas.config");
    var env = new HashMap<String, String>();
    var provided = new StringBuilder();
    var references = new StringBuilder("config.providers=file\nconfig.providers.file.class="
        + FileConfigProvider.class.getName() + "\n");
    var secrets = Files.createDirectories(tmp.resolve("secrets"));
    var providerFile = secrets.resolve("provided.properties");
    int i = 0;
    for (String key : keys) {
      if (key.startsWith(AppConfig.PREFIX) && !RUN_KEYS.contains(key)) {
        exclusiveEnv.put(envName(key) + "_FILE", Files.writeString(secrets.resolve(key), CANARY + "\n").toString());
        continue;
      }
      // the postgres password through a file: the connector's config shows it arrived
      if (key.equals("denorm.stack.postgres.password") || i++ % 2 == 0) {
        env.put(envName(key) + "_FILE", Files.writeString(secrets.resolve(key), CANARY + "\n").toString());
      } else {
        String name = key.replace('.', '_');
        provided.append(name).append('=').append(CANARY).append('\n');
        references.append(key).append("=${file:").append(providerFile).append(':').append(name).append("}\n");
      }
    }
    Files.writeString(providerFile, provided);
    Files.writeString(tmp.resolve("provided-keys.properties"), references);
    return env;
  }

  /** The environment variable of a key: DENORM_ for ours, DENORM_STREAMS_ for Kafka's. */
  private static String envName(String key) {
    boolean ours = key.startsWith(AppConfig.PREFIX);
    String name = (ours ? key.substring(AppConfig.PREFIX.length()) : key)
        .replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(Locale.ROOT);
    return (ours ? ConfigLoader.ENV_PREFIX : ConfigLoader.ENV_STREAMS_PREFIX) + name;
  }

  /** denorm in a JVM of its own, every library logging at INFO into {@code <name>.log}. */
  private Process start(String name, Map<String, String> env, Path configFile, String... args) throws IOException {
    var log4j = tmp.resolve("log4j2-canary.xml");
    if (!Files.exists(log4j)) {
      Files.writeString(log4j, """
          <Configuration status="WARN" shutdownHook="disable">
            <Appenders><Console name="console" target="SYSTEM_ERR">
              <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c - %msg%n"/>
            </Console></Appenders>
            <Loggers><Root level="INFO"><AppenderRef ref="console"/></Root></Loggers>
          </Configuration>
          """);
    }
    var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Xmx1g",
        "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("jvm-tmp")), "-Dlog4j2.configurationFile=" + log4j,
        "-cp", System.getProperty("java.class.path"), "dev.denorm.app.Main", "--config", configFile.toString()));
    command.addAll(List.of(args));
    var log = tmp.resolve(name + ".log");
    var builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith(ConfigLoader.ENV_PREFIX));
    builder.environment().putAll(env);
    logs.put(name, log);
    var process = builder.start();
    processes.add(process);
    return process;
  }

  private static int exit(Process process) throws InterruptedException {
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("still running after 3 minutes: " + process.info().commandLine().orElse(""));
    }
    return process.exitValue();
  }

  private String log(String name) throws IOException {
    return Files.readString(logs.get(name), StandardCharsets.UTF_8);
  }

  private JsonNode statusOf(Process run, String base) throws Exception {
    if (!run.isAlive()) {
      throw new AssertionError("run exited with " + run.exitValue() + ":\n" + log("run"));
    }
    return JSON.readTree(get(base + "/status"));
  }

  /** GET, its answer kept (headers and body) for the final check. */
  private String get(String url) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    answers.add("GET " + url + "\n" + response.headers().map() + "\n" + response.body());
    return response.body();
  }

  private static Map<String, Integer> documents(JsonNode status) {
    var counts = new TreeMap<String, Integer>();
    status.path("indexes").forEach(i -> counts.put(i.path("name").asText(), i.path("documents").asInt()));
    return counts;
  }

  /** The connector's database.password, as Connect's REST API shows it (Connect's, not denorm's, answer). */
  private String connectorPassword(int connectPort) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connectPort
        + "/connectors/denorm-shop/config")).GET().build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("database.password").asText();
  }

  /** Every record of both dead-letter topics: key, value and headers as text. */
  private static List<String> deadLetters(int kafkaPort) {
    var letters = new ArrayList<String>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        "127.0.0.1:" + kafkaPort), new StringDeserializer(), new StringDeserializer())) {
      var partitions = new ArrayList<TopicPartition>();
      for (String topic : List.of("denorm.dead-letter", "denorm.sink.dead-letter")) {
        if (consumer.listTopics().containsKey(topic)) {
          consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = consumer.endOffsets(partitions);
      await("the dead letters read").atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          var text = new StringBuilder(r.topic() + " " + r.key() + " " + r.value());
          r.headers().forEach(h -> text.append(' ').append(h.key()).append('=')
              .append(new String(h.value(), StandardCharsets.UTF_8)));
          letters.add(text.toString());
        });
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
      });
    }
    return letters;
  }
}
