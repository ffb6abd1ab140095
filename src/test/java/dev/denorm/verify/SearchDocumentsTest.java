package dev.denorm.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.denorm.config.SinkSettings;
import dev.denorm.sink.bulk.Backoff;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchDocumentsTest {

  private static final String BREAKER = "{\"error\":{\"type\":\"circuit_breaking_exception\"},\"status\":429}";
  private static final String FOUND = "{\"docs\":[{\"_id\":\"1\",\"found\":true,\"_source\":{\"name\":\"a\"}},"
      + "{\"_id\":\"2\",\"found\":false}]}";

  private final AtomicInteger asked = new AtomicInteger();
  private HttpServer engine;
  private int busyAnswers;
  private int busyStatus = 429;

  @BeforeEach
  void start() throws IOException {
    engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    engine.createContext("/products/_mget", this::mget);
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.stop(0);
  }

  private void mget(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    boolean busy = asked.incrementAndGet() <= busyAnswers;
    byte[] body = (busy ? BREAKER : FOUND).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(busy ? busyStatus : 200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private SearchDocuments source() {
    return new SearchDocuments(SinkSettings.defaults("http://127.0.0.1:" + engine.getAddress().getPort()),
        new Backoff(1, 5));
  }

  @Test
  void shouldAskABusyEngineAgainUntilItAnswers() throws IOException {
    busyAnswers = 3;
    try (var source = source()) {
      var docs = source.documents("products", List.of("1", "2"));

      assertThat(docs).containsOnlyKeys("1");
      assertThat(docs.get("1").path("name").asText()).isEqualTo("a");
    }
    assertThat(asked.get()).isEqualTo(4);
  }

  @Test
  void shouldGiveUpWithTheEnginesAnswerWhenItStaysBusy() throws IOException {
    busyAnswers = Integer.MAX_VALUE;
    try (var source = source()) {
      assertThatThrownBy(() -> source.documents("products", List.of("1")))
          .isInstanceOf(ResponseException.class)
          .hasMessageContaining("429");
    }
    assertThat(asked.get()).isEqualTo(SearchDocuments.TRIES);
  }

  @Test
  void shouldAskAgainWhenAProxyInFrontOfTheEngineAnswers502() throws IOException {
    busyAnswers = 1;
    busyStatus = 502;
    try (var source = source()) {
      assertThat(source.documents("products", List.of("1"))).containsOnlyKeys("1");
    }
    assertThat(asked.get()).isEqualTo(2);
  }

  @Test
  void shouldNotAskAgainWhenTheRequestItselfIsRefused() throws IOException {
    busyAnswers = 1;
    busyStatus = 400;
    try (var source = source()) {
      assertThatThrownBy(() -> source.documents("products", List.of("1")))
          .isInstanceOf(ResponseException.class)
          .hasMessageContaining("400");
    }
    assertThat(asked.get()).isEqualTo(1);
  }
}
