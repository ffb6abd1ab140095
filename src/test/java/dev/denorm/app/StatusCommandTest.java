package dev.denorm.app;

import dev.denorm.testing.FreePorts;
import dev.denorm.deadletter.DeadLetterCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.denorm.status.StatusReport;
import dev.denorm.status.StatusReport.Capture;
import dev.denorm.deadletter.DeadLetterCount;
import dev.denorm.status.StatusReport.Freshness;
import dev.denorm.status.StatusReport.IndexStatus;
import dev.denorm.status.StatusReport.Instance;
import dev.denorm.status.StatusReport.Restoring;
import dev.denorm.status.StatusReport.ThreadTasks;
import dev.denorm.status.StatusReport.TopicLag;
import dev.denorm.status.StatusReport.Wal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code denorm status} against an HTTP server answering a status report as the instance
 * serializes it: the table, and the exit codes 0 fresh, 1 behind, 2 no usable answer.
 */
class StatusCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicReference<byte[]> body = new AtomicReference<>();
  private final AtomicReference<Integer> code = new AtomicReference<>(200);
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private HttpServer server;
  private String url;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/status", exchange -> {
      try (exchange) {
        authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        exchange.sendResponseHeaders(code.get(), body.get().length);
        exchange.getResponseBody().write(body.get());
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int run(String... args) {
    return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  private static StatusReport report(String ordersVerdict, String stage, String reason) {
    var freshness = new Freshness(120, 0.35, 2.5, List.of(new StatusReport.Bucket(0.5, 100), new StatusReport.Bucket(4, 20)));
    var products = new IndexStatus("products", "fresh", null, null, 100, freshness, 3.5, 0, 0, DeadLetterCount.NONE);
    var orders = new IndexStatus("orders", ordersVerdict, stage, reason, 2500, freshness, 12.0, 4, 0,
        new DeadLetterCount(2, "document_parsing_exception at documents.orders-0@42"));
    var instance = new Instance("RUNNING", List.of(new ThreadTasks("denorm-1-StreamThread-1", "RUNNING",
        List.of("0_0", "1_0"), List.of())), Restoring.NONE);
    var capture = new Capture("RUNNING", new Wal("denorm_shop", true, true, 3 << 20, 0, 1 << 30, null), "16/B374D848");
    var lag = List.of(new TopicLag("pg.shop.orders", 0, "change-tables", null, 100, 60, 40, 45_000));
    return new StatusReport(1_700_000_000_000L, "denorm", stage == null, 30_000, 300_000, instance, capture,
        List.of(products, orders), lag, DeadLetterCount.NONE, null);
  }

  private void answer(StatusReport report) throws Exception {
    body.set(new ObjectMapper().writeValueAsBytes(report));
  }

  @Test
  void shouldPrintEachIndexAndExitZeroWhenEveryIndexIsFresh() throws Exception {
    answer(report("fresh", null, null));
    assertThat(run("status", "--url", url)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("every index is fresh", "products", "orders", "2500", "0.35 s", "2.50 s", "12.0")
        .contains("orders, last dead letter: document_parsing_exception at documents.orders-0@42")
        .contains("instance:  RUNNING, 1 threads, 2 active and 0 standby tasks")
        .contains("connector: RUNNING", "WAL:       denorm_shop retains 3.0 MiB (limit 1.00 GiB)")
        .contains("committed: 16/B374D848 (the connector's position /wait starts from)")
        .contains("change-tables pg.shop.orders-0: 40 records");
  }

  @Test
  void shouldExitOneNamingTheStageAndWhyWhenAnIndexIsBehind() throws Exception {
    answer(report("behind: change-tables", "change-tables", "pg.shop.orders-0: 40 records not committed"));
    assertThat(run("status", "--url", url + "/")).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("BEHIND", "behind: change-tables",
        "orders: pg.shop.orders-0: 40 records not committed");
  }

  @Test
  void shouldExitTwoWithOneLineWhenNothingListens() {
    int port = FreePorts.next();
    assertThat(run("status", "--url", "http://127.0.0.1:" + port)).isEqualTo(2);
    String error = err.toString(StandardCharsets.UTF_8);
    assertThat(error).contains("no answer from http://127.0.0.1:" + port + "/status", "denorm.http.port")
        .doesNotContain("\tat ");
    assertThat(error.strip().lines()).hasSize(1);
  }

  @Test
  void shouldExitTwoWhenTheAddressIsNoDenormInstance() {
    code.set(404);
    body.set("not here".getBytes(StandardCharsets.UTF_8));
    assertThat(run("status", "--url", url)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("answered HTTP 404");
    code.set(200);
    body.set("{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(run("status", "--url", url)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("did not answer a denorm status");
  }

  @Test
  void shouldExitTwoWithoutAUrlWhenThePortIsNotFixed() {
    assertThat(run("--set", "denorm.http.port=0", "status")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("denorm.http.port is 0", "--url").doesNotContain("\tat ");
    assertThat(run("status", "--url", "::not a url")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a URL: ::not a url");
  }

  @Test
  void shouldSendTheConfiguredTokenAndNoneWhenThereIsNone() throws Exception {
    answer(report("fresh", null, null));
    assertThat(run("status", "--url", url)).isZero();
    assertThat(authorization.get()).isNull();

    assertThat(run("--set", "denorm.http.token=status-token-123", "status", "--url", url)).isZero();
    assertThat(authorization.get()).isEqualTo("Bearer status-token-123");
  }

  @Test
  void shouldExitTwoSayingWhatToSetWhenTheInstanceRequiresAToken() {
    code.set(401);
    body.set("{\"error\":\"token\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(run("status", "--url", url)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("requires the instance's token (HTTP 401)",
        "set denorm.http.token.file").doesNotContain("\tat ");
    assertThat(run("--set", "denorm.http.token=wrong-token", "status", "--url", url)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("the token configured here is not that instance's")
        .doesNotContain("wrong-token");
  }
}
