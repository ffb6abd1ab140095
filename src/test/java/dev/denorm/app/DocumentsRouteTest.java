package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpSettings;
import dev.denorm.index.Indexes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.http.HttpHost;
import org.awaitility.Awaitility;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the route answers before it reaches any store or engine (those are DocumentsByIdIT's), served
 * as the application serves it: on the instance's endpoint, off unless enabled, behind the token.
 */
class DocumentsRouteTest {

  private static final String TOKEN = "route-test-token-0123456789";

  private final HttpClient http = HttpClient.newHttpClient();
  // nothing listens there: none of these requests may reach the engine
  private final RestClient engine = RestClient.builder(new HttpHost("127.0.0.1", 9)).build();
  private MetricsEndpoint endpoint;
  private DocumentsRoute route;

  /** The endpoint on a free loopback port, with the document route on and a token, and {@code more} settings. */
  private void serve(String... more) throws Exception {
    var values = new HashMap<>(Map.of(HttpSettings.HOST, "127.0.0.1", HttpSettings.PORT, "0",
        HttpSettings.DOCUMENTS_ENABLED, "true", HttpSettings.TOKEN, TOKEN));
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    var settings = AppConfig.from(values).http();
    endpoint = MetricsEndpoint.start(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    route = DocumentsRoute.addTo(endpoint, settings, Indexes.shop(), engine).orElse(null);
  }

  @AfterEach
  void stop() throws Exception {
    if (endpoint != null) {
      endpoint.close();
    }
    if (route != null) {
      route.close();
    }
    engine.close();
  }

  private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return send(method, path, "Bearer " + TOKEN);
  }

  @Test
  void shouldAnswer503WithARetryHintWhileKafkaStreamsIsNotThereYet() throws Exception {
    serve();
    var response = send("GET", "/documents/orders/5");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    var body = DocumentAnswer.JSON.readTree(response.body());
    assertThat(body.get("error").asText()).contains("starting").contains("retry in 2 s");
    assertThat(body.get("retryAfterSeconds").asInt()).isEqualTo(2);
    assertThat(body.get("index").asText()).isEqualTo("orders");
  }

  @Test
  void shouldNameTheIndexesForAnUnknownIndex() throws Exception {
    serve();
    var response = send("GET", "/documents/invoices/5");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no index 'invoices'").contains("products", "customers", "orders");
  }

  @Test
  void shouldRejectAnIdThatIsNoKeyOfTheRootAMalformedPathAndOtherMethods() throws Exception {
    serve();
    assertThat(send("GET", "/documents/orders/abc").body()).contains("no document id of orders").contains("[id] of orders");
    assertThat(send("GET", "/documents/orders/abc").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/documents/orders").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/documents/orders/5/lines").statusCode()).isEqualTo(400);
    assertThat(send("DELETE", "/documents/orders/5").statusCode()).isEqualTo(405);
  }

  @Test
  void shouldDecodeAnUrlEncodedIdBeforeReadingItAsAKey() throws Exception {
    serve();
    var encoded = send("GET", "/documents/orders/a%2Fb%2C1");

    assertThat(encoded.statusCode()).isEqualTo(400);
    assertThat(encoded.body()).as("one path segment, decoded").contains("'a/b,1' is no document id of orders");
  }

  @Test
  void shouldAnswer404SayingHowToTurnItOnWhenTheRouteIsOff() throws Exception {
    serve(HttpSettings.DOCUMENTS_ENABLED, "false");
    assertThat(route).isNull();

    for (String authorization : new String[] {null, "Bearer " + TOKEN}) {
      var response = send("GET", "/documents/orders/5", authorization);
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(DocumentAnswer.JSON.readTree(response.body()).get("error").asText())
          .contains("is off", "denorm.http.documents.enabled=true", "denorm.http.token.file");
    }
    assertThat(send("GET", "/nosuch", null).body()).contains("/metrics", "/documents/ (off)");
  }

  @Test
  void shouldAnswer401WhenTheTokenIsMissing() throws Exception {
    serve();
    for (String authorization : new String[] {null, "Basic dXNlcjpwYXNz", "Bearer", "Bearer "}) {
      var response = send("GET", "/documents/orders/5", authorization);

      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(authorization).hasValue("Bearer realm=\"denorm\"");
      assertThat(DocumentAnswer.JSON.readTree(response.body()).get("error").asText())
          .contains("requires the instance's token", "Authorization: Bearer").doesNotContain(TOKEN);
    }
  }

  @Test
  void shouldAnswer401WithoutEchoingAnyTokenWhenTheTokenIsWrong() throws Exception {
    serve();
    for (String wrong : new String[] {"guess", TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x", TOKEN.toUpperCase()}) {
      var response = send("GET", "/documents/orders/5", "Bearer " + wrong);

      assertThat(response.statusCode()).as(wrong).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"denorm\", error=\"invalid_token\"");
      assertThat(response.body()).contains("not this instance's").doesNotContain(wrong).doesNotContain(TOKEN);
    }
    assertThat(send("GET", "/documents/orders/5", "bearer " + TOKEN).statusCode()).as("the scheme in any case").isEqualTo(503);
  }

  @Test
  void shouldServeMetricsWithoutTheTokenUnlessTheRoutesListIt() throws Exception {
    serve();
    assertThat(send("GET", "/metrics", null).statusCode()).isEqualTo(200);
    endpoint.close();
    route.close();

    serve(HttpSettings.TOKEN_ROUTES, "all");
    assertThat(send("GET", "/metrics", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/metrics", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(send("GET", "/metrics").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/nosuch", null).body()).contains("/metrics (token)", "/documents/ (token)");
  }

  @Test
  void shouldServeTheDocumentRouteWithoutATokenOnlyWhereNoneIsSet() throws Exception {
    serve(HttpSettings.TOKEN, "");

    assertThat(send("GET", "/documents/orders/5", null).statusCode()).as("loopback, no token set").isEqualTo(503);
  }

  @Test
  void shouldAnswer429WithRetryAfterWhenTheQueueIsFull() throws Exception {
    var settings = AppConfig.from(Map.of(HttpSettings.HOST, "127.0.0.1", HttpSettings.PORT, "0",
        HttpSettings.DOCUMENTS_ENABLED, "true", HttpSettings.MAX_QUEUED, "1")).http();
    var requests = new BoundedPool("test-requests", 1, 1);
    var release = new CountDownLatch(1);
    endpoint = MetricsEndpoint.start(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    route = new DocumentsRoute(Indexes.shop(), engine, settings, requests, new BoundedPool("test-forwarded", 1, 1));
    endpoint.route(DocumentsRoute.PATH, HttpSettings.Route.DOCUMENTS, route);
    try {
      assertThat(requests.offer(() -> await(release))).as("the one thread taken").isTrue();
      assertThat(requests.offer(() -> { })).as("the queue of one filled").isTrue();

      var response = send("GET", "/documents/orders/5", null);
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(DocumentAnswer.JSON.readTree(response.body()).get("error").asText())
          .contains("busy", "denorm.http.max.queued", "retry in 1 s");

      var fromAnInstance = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/documents/orders/5"))
          .header(DocumentsRoute.FORWARDED_BY, "127.0.0.1:1").build();
      assertThat(http.send(fromAnInstance, HttpResponse.BodyHandlers.ofString()).statusCode())
          .as("a request forwarded by another instance has threads of its own").isEqualTo(503);
    } finally {
      release.countDown();
    }
    Awaitility.await("answered again once the queue drained").atMost(Duration.ofSeconds(10))
        .until(() -> send("GET", "/documents/orders/5", null).statusCode(), status -> status == 503);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
