package dev.denorm.app;

import dev.denorm.index.Indexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpSettings;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.capture.ConnectorWatch;
import dev.denorm.tools.stack.Stack;
import dev.denorm.capture.WalGuard;
import dev.denorm.testing.HeadlessChromium;
import dev.denorm.testing.OracleWait;
import dev.denorm.verify.SearchDocuments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The status page of a running instance, rendered by a real browser (headless Chromium) after its
 * JavaScript fetched /status: every index fresh with its documents, the instance RUNNING, the
 * connector and the slot; then, with the connector paused, the indexes behind at capture. The
 * {@code status} command says the same with its exit code.
 */
class StatusPageIT {

  private static final Duration RENDER = Duration.ofSeconds(4);

  @Test
  void shouldShowInABrowserThatEveryIndexIsFreshAndThenThatCaptureIsBehindWhenTheConnectorIsPaused() throws Exception {
    HeadlessChromium.installed(); // before the stack starts: installing may take minutes
    var config = AppConfig.from(Map.of(HttpSettings.PORT, "0", "commit.interval.ms", "500"));
    try (var stack = Stack.start(config, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(10, 5).fill(c);
          }
        });
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var app = DenormApp.start(config, stack.endpoints(), Optional.of(stack.streamsStateDir()));
        var wal = new WalGuard(config.wal(), stack.endpoints()::connect).start();
        var connector = ConnectorWatch.start(stack.endpoints().connectUrl(), config.stack().connectorName(),
            Duration.ofSeconds(1), Duration.ofSeconds(60))) {
      app.watch(wal, connector);
      OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(120));
      String base = "http://127.0.0.1:" + app.httpPort().orElseThrow();

      String dom = await("every index fresh on the page").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .until(() -> HeadlessChromium.dumpDom(base + "/status.html", RENDER),
              d -> Indexes.of(config).names().stream().allMatch(i -> "fresh".equals(verdict(d, i)))
                  && text(d, "connector-state").equals("RUNNING"));
      for (String index : Indexes.of(config).names()) {
        assertThat(row(dom, index)).as(index).contains(">" + index + "<");
        assertThat(documents(dom, index)).as("documents of " + index).isPositive();
      }
      assertThat(text(dom, "overall")).isEqualTo("all indexes fresh");
      assertThat(text(dom, "instance-state")).isEqualTo("RUNNING");
      assertThat(text(dom, "wal")).startsWith(config.wal().slot() + ": retains ").contains("a connector reads it");
      assertThat(section(dom, "threads")).contains("RUNNING").containsPattern("class=\"active\">\\d+_\\d+");
      assertThat(section(dom, "lag")).contains(Indexes.of(config).changeTopics(config.topology()).get(0), config.topology().documentTopic("orders"),
          "change-tables", "assembly (orders)", "sink (orders)");
      assertThat(status(base)).isZero();

      put(stack.endpoints().connectUrl() + "/connectors/" + config.stack().connectorName() + "/pause");
      String paused = await("capture behind on the page").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> HeadlessChromium.dumpDom(base + "/status.html", RENDER),
              d -> "behind: capture".equals(verdict(d, "orders")));
      assertThat(text(paused, "connector-state")).contains("is PAUSED");
      assertThat(row(paused, "orders")).contains("is PAUSED");
      assertThat(text(paused, "overall")).contains("orders behind: capture");
      assertThat(status(base)).isEqualTo(1);
    }
  }

  /** {@code denorm status --url base}; its exit code. */
  private static int status(String base) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        "status", "--url", base);
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertThat(printed).contains("products", "customers", "orders", "instance:  RUNNING");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    return code;
  }

  private static void put(String url) throws Exception {
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isBetween(200, 299);
  }

  /** The rendered row of an index, or "". */
  private static String row(String dom, String index) {
    var m = Pattern.compile("<tr data-index=\"" + Pattern.quote(index) + "\">(.*?)</tr>", Pattern.DOTALL).matcher(dom);
    return m.find() ? m.group(1) : "";
  }

  private static String verdict(String dom, String index) {
    var m = Pattern.compile("<td class=\"verdict (?:fresh|behind)\">([^<]*)").matcher(row(dom, index));
    return m.find() ? m.group(1) : "";
  }

  private static long documents(String dom, String index) {
    var m = Pattern.compile("class=\"num documents\" data-count=\"(-?\\d+)\"").matcher(row(dom, index));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The text of the element with that id (no child elements). */
  private static String text(String dom, String id) {
    var m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
    return m.find() ? m.group(1).replace("&amp;", "&") : "";
  }

  private static String section(String dom, String tableId) {
    int start = dom.indexOf("<table id=\"" + tableId + "\"");
    return start < 0 ? "" : dom.substring(start, dom.indexOf("</table>", start));
  }
}
