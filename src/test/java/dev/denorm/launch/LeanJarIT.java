package dev.denorm.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.testing.FreePorts;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.Stack;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean production jar ({@code target/denorm-<version>-app.jar}) as a user runs it, in its own
 * JVM: no tools in it and under 60 MB; {@code demo} and {@code run} without endpoints say at once
 * what they need; and {@code run}, {@code status} and {@code verify} work against parts started
 * here (the embedded stack, in this JVM), a row's change reaching its document in the engine.
 */
class LeanJarIT {

  private static final long MAX_BYTES = 60L * 1024 * 1024;
  private static final Path OLD_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

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
  void shouldHoldTheRuntimeWithoutToolsOrEmbeddedServersInAtMost60Mb() throws Exception {
    var jar = leanJar();
    assertThat(jar.length()).as("size of " + jar).isLessThanOrEqualTo(MAX_BYTES);
    try (var zip = new ZipFile(jar)) {
      var names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names).contains("dev/denorm/launch/Launcher.class", "dev/denorm/app/Main.class",
          "org/apache/kafka/streams/KafkaStreams.class", "org/elasticsearch/client/RestClient.class",
          "org/postgresql/Driver.class", "librocksdbjni-linux64.so", "librocksdbjni-linux-aarch64.so");
      assertThat(names).filteredOn(n -> n.startsWith("dev/denorm/tools/") || n.startsWith("kafka/server/")
          || n.startsWith("org/apache/kafka/connect/") || n.startsWith("io/debezium/") || n.startsWith("org/opensearch/")
          || n.startsWith("io/zonky/") || n.startsWith("io/apicurio/") || n.startsWith("META-INF/services/dev.denorm.app.spi.")
          || n.startsWith("librocksdbjni-osx") || n.startsWith("librocksdbjni-win")).isEmpty();
    }
  }

  @Test
  void shouldStartWithAnOldJavaAndSayThatDemoNeedsTheFullJar() throws Exception {
    var help = runToEnd(List.of(javaForLauncher()), "help");
    assertThat(help.exit).isZero();
    assertThat(help.output).contains("Usage: denorm", "verify");
    if (Files.isExecutable(OLD_JAVA)) {
      assertThat(help.output).contains("denorm: this is Java 17; running with ");
    }

    var demo = runToEnd(List.of(java()), "demo");
    assertThat(demo.exit).isEqualTo(2);
    assertThat(demo.output).contains("denorm demo: needs the full jar", "-all.jar").doesNotContain("\tat ");
  }

  @Test
  void shouldStopAtOnceNamingTheKeysWhenRunHasPartsWithoutEndpoint() throws Exception {
    var run = runToEnd(List.of(java()), "--set", "bootstrap.servers=127.0.0.1:1", "run");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.output).contains("denorm run: no endpoint for PostgreSQL (denorm.stack.postgres.url",
            "Kafka Connect (denorm.stack.connect.url)", "the search engine (denorm.sink.hosts)", "no embedded stack")
        .doesNotContain("Kafka (bootstrap.servers)", "\tat ");
  }

  @Test
  void shouldRunAgainstExternalPartsAndKeepADocumentInSync() throws Exception {
    try (var stack = Stack.start(AppConfig.from(Map.of()), e -> {
      try (var c = e.connect()) {
        new ShopGenerator(5, 7).fill(c);
      }
    })) {
      var e = stack.endpoints();
      int httpPort = FreePorts.next();
      var log = tmp.resolve("run.log");
      var run = start(log, endpoints(e, "--set", "denorm.http.port=" + httpPort, "--set", "commit.interval.ms=200",
          "run"));

      var customer = e.searchUrl() + "/customers/_doc/1";
      awaitDocument(run, log, customer, "\"found\":true");
      try (var c = e.connect()) {
        c.createStatement().executeUpdate("UPDATE shop.customers SET first_name = 'Grace' WHERE id = 1");
      }
      awaitDocument(run, log, customer, "\"first_name\":\"Grace\"");

      var status = new Run[1];
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
        status[0] = runToEnd(List.of(java()), "status", "--url", "http://127.0.0.1:" + httpPort);
        return status[0].exit == 0;
      });
      assertThat(status[0].output).contains("customers", "orders", "products", "RUNNING");

      var verify = runToEnd(List.of(java()), endpoints(e, "verify"));
      assertThat(verify.exit).as(verify.output).isZero();
      assertThat(verify.output).contains("All documents match the oracle.");

      run.destroy(); // SIGTERM: the graceful stop
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("run stops on SIGTERM").isTrue();
      assertThat(Files.readString(log)).contains("stopped in");
    }
  }

  private static String[] endpoints(Endpoints e, String... rest) {
    var args = new ArrayList<>(List.of("--set", "denorm.stack.postgres.url=" + e.jdbcUrl(),
        "--set", "bootstrap.servers=" + e.bootstrapServers(), "--set", "denorm.stack.connect.url=" + e.connectUrl(),
        "--set", "denorm.sink.hosts=" + e.searchUrl()));
    args.addAll(List.of(rest));
    return args.toArray(String[]::new);
  }

  private static void awaitDocument(Process run, Path log, String url, String expected) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
      assertThat(run.isAlive()).as("run is alive; its log:%n%s", Files.readString(log)).isTrue();
      return get(url).contains(expected);
    });
  }

  private static String get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private record Run(int exit, String output) {}

  /** Runs the lean jar to its end (at most 2 minutes); its exit code and its output and errors. */
  private Run runToEnd(List<String> java, String... args) throws Exception {
    var log = Files.createTempFile(tmp, "command", ".log");
    var process = start(java, log, args);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
    return new Run(process.exitValue(), Files.readString(log));
  }

  private Process start(Path log, String... args) throws IOException {
    return start(List.of(java()), log, args);
  }

  /** {@code java -jar target/denorm-<version>-app.jar ARGS}, output and errors to {@code log}. */
  private Process start(List<String> java, Path log, String... args) throws IOException {
    var command = new ArrayList<>(java);
    command.addAll(List.of("-Xmx512m", "-Djava.io.tmpdir=" + tmp, "-jar", leanJar().getPath()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("DENORM_"));
    var process = builder.start();
    started.add(process);
    return process;
  }

  private static File leanJar() {
    File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("denorm-") && name.endsWith("-app.jar"));
    assertThat(jars).as("the lean jar (package runs before the ITs)").hasSize(1);
    return jars[0];
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** A Java older than 21 if the machine has one (the launcher then finds a 21+), else this one. */
  private static String javaForLauncher() {
    return Files.isExecutable(OLD_JAVA) ? OLD_JAVA.toString() : java();
  }
}
