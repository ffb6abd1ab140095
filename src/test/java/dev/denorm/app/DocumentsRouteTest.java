package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.denorm.index.Indexes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the route answers before it reaches any store or engine (those are DocumentsByIdIT's). */
class DocumentsRouteTest {

  private final HttpClient http = HttpClient.newHttpClient();
  // nothing listens there: none of these requests may reach the engine
  private final RestClient engine = RestClient.builder(new HttpHost("127.0.0.1", 9)).build();
  private final DocumentsRoute route = new DocumentsRoute(Indexes.shop(), engine);
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(DocumentsRoute.PATH, route);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(0);
    route.close();
    engine.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    var uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswer503WithARetryHintWhileKafkaStreamsIsNotThereYet() throws Exception {
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
    var response = send("GET", "/documents/invoices/5");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no index 'invoices'").contains("products", "customers", "orders");
  }

  @Test
  void shouldRejectANonIntegerIdAMalformedPathAndOtherMethods() throws Exception {
    assertThat(send("GET", "/documents/orders/abc").body()).contains("are integers");
    assertThat(send("GET", "/documents/orders/abc").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/documents/orders").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/documents/orders/5/lines").statusCode()).isEqualTo(400);
    assertThat(send("DELETE", "/documents/orders/5").statusCode()).isEqualTo(405);
  }
}
