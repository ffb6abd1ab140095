package dev.denorm.capture;

import dev.denorm.tools.stack.Stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the running application says about the connector, against a real Connect worker with Debezium. */
class ConnectorWatchIT {

  private static final Duration EVERY = Duration.ofMillis(200);

  @Test
  void shouldSayWhetherTheConnectorRunsIsPausedIsMissingOrConnectDoesNotAnswer() throws Exception {
    var config = AppConfig.from(Map.of());
    String name = config.stack().connectorName();
    try (var stack = Stack.start(config, endpoints -> { })) {
      String connect = stack.endpoints().connectUrl();
      try (var watch = ConnectorWatch.start(connect, name, EVERY, Duration.ofSeconds(60))) {
        await().atMost(Duration.ofSeconds(30)).until(() -> watch.state().equals("RUNNING"));
        put(connect + "/connectors/" + name + "/pause");
        await().atMost(Duration.ofSeconds(30)).until(() -> watch.state().contains("is PAUSED"));
        put(connect + "/connectors/" + name + "/resume");
        await().atMost(Duration.ofSeconds(30)).until(() -> watch.state().equals("RUNNING"));
      }
      try (var watch = ConnectorWatch.start(connect, "no-such-connector", EVERY, Duration.ofSeconds(60))) {
        await().atMost(Duration.ofSeconds(30)).until(() -> watch.state().contains("has no connector no-such-connector"));
      }
    }
    String nobody = "http://127.0.0.1:" + FreePorts.next();
    try (var watch = ConnectorWatch.start(nobody, "shop", EVERY, Duration.ofSeconds(60))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> watch.state().startsWith("Kafka Connect does not answer at "
          + nobody + "/connectors/shop/status"));
      assertThat(watch.state()).contains("denorm.stack.connect.url");
    }
  }

  private static void put(String url) throws Exception {
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isBetween(200, 299);
  }
}
