package dev.denorm.app;

import dev.denorm.testing.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line without starting anything: help, usage errors and configuration errors. */
class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  @Test
  void shouldPrintHelpWithEveryCommandAndExitZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("run", "demo [--customers N]", "verify", "DENORM_STREAMS_");
  }

  @Test
  void shouldExitTwoOnUnknownArgumentOrMissingCommand() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument: frobnicate", "--help");
    assertThat(run()).isEqualTo(2);
    assertThat(run("demo", "--customers")).isEqualTo(2);
  }

  @Test
  void shouldExitTwoNamingTheKeyOfABadValueBeforeStartingAnything() {
    assertThat(run("demo", "--customers", "zero")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("denorm.demo.customers");
  }

  @Test
  void shouldExitTwoWhenVerifyHasNoDatabaseToCompareWith() {
    assertThat(run("verify")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("denorm.stack.postgres.url");
  }

  @Test
  void shouldExitTwoWithOneLineWhenVerifyIsGivenAnUnknownSource() {
    assertThat(run("--set", "denorm.stack.postgres.url=jdbc:postgresql://127.0.0.1:1/shop", "verify", "--source", "nowhere"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--source must be search or topics, got: nowhere")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldExitTwoWithOneLineWhenRepairIsAskedOfTheDocumentTopics() {
    assertThat(run("--set", "denorm.stack.postgres.url=jdbc:postgresql://127.0.0.1:1/shop", "verify", "--source", "topics",
        "--repair")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--repair repairs the search engine's documents")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldExitTwoWithOneLineNamingTheUrlWhenVerifyCannotReachTheDatabase() {
    int port = FreePorts.next();
    assertThat(run("--set", "denorm.stack.postgres.url=jdbc:postgresql://127.0.0.1:" + port + "/shop", "--set",
        "denorm.sink.hosts=http://127.0.0.1:" + port, "verify")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:"
        + port + "/shop").doesNotContain("\tat ");
  }

  @Test
  void shouldNeverPrintAPasswordInAConfigurationError() {
    assertThat(run("--set", "denorm.stack.postgres.pasword=hunter2", "run")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("denorm.stack.postgres.pasword").doesNotContain("hunter2");
  }

  @Test
  void shouldExitTwoNamingEveryKeyToSetWhenRunHasPartsWithoutEndpointAndNoEmbeddedStack() {
    assertThat(Main.run(Services.none(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "run")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("denorm run: no endpoint for PostgreSQL (denorm.stack.postgres.url, with denorm.stack.postgres.user",
            "Kafka (bootstrap.servers)", "Kafka Connect (denorm.stack.connect.url)", "the search engine (denorm.sink.hosts)",
            "no embedded stack", "-all.jar")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldNameOnlyTheMissingKeyWhenTheOtherPartsAreExternal() {
    assertThat(Main.run(Services.none(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "--set", "denorm.stack.postgres.url=jdbc:postgresql://db/shop",
        "--set", "bootstrap.servers=kafka:9092", "--set", "denorm.stack.connect.url=http://connect:8083", "run"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no endpoint for the search engine (denorm.sink.hosts)")
        .doesNotContain("bootstrap.servers", "denorm.stack.connect.url");
  }

  @Test
  void shouldSayThatDemoAndBenchNeedTheFullJarWhenTheToolsAreNotThere() {
    for (var command : new String[] {"demo", "bench"}) {
      err.reset();
      assertThat(Main.run(Services.none(), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), command)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("denorm " + command + ": needs the full jar", "-all.jar");
    }
  }

  @Test
  void shouldFindTheEmbeddedStackAndTheToolCommandsOnAClassPathThatHasThem() {
    var services = Services.loaded();
    assertThat(services.embeddedStack()).isPresent();
    assertThat(services.tool("demo")).isPresent();
    assertThat(services.tool("bench")).isPresent();
    assertThat(services.tool("run")).isEmpty();
  }
}
