package dev.denorm.app;

import java.net.BindException;
import java.io.ByteArrayOutputStream;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The instance's HTTP endpoint: {@code GET /metrics} answers Prometheus' scrape with what the
 * registry holds, in the format the scraper asks for (text or OpenMetrics by its Accept header);
 * {@code GET /documents/<index>/<id>} is {@link DocumentsRoute}.
 * The JDK's own HTTP server is enough for a scrape every few seconds.
 */
final class MetricsEndpoint implements AutoCloseable {

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Binds (port 0: any free one) and serves; a port in use fails here, naming it. */
  static MetricsEndpoint start(String host, int port, PrometheusMeterRegistry registry) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (BindException e) {
      throw new IOException("cannot serve /metrics on " + host + ":" + port + " (" + e.getMessage()
          + "); set denorm.http.port to a free port, 0 for any, or -1 for none", e);
    }
    server.createContext("/metrics", exchange -> scrape(exchange, registry));
    server.createContext("/", exchange -> answer(exchange, 404, "text/plain",
        "denorm serves /metrics, /status.html, /status and /documents/<index>/<id>\n"));
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      var thread = new Thread(r, "denorm-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new MetricsEndpoint(server);
  }

  /** Serves {@code path} (and every path below it) by {@code handler}, from now on. */
  void route(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void scrape(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      answer(exchange, 405, "text/plain", "GET only\n");
      return;
    }
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    var out = new ByteArrayOutputStream();
    registry.scrape(out, accept == null ? TEXT : accept);
    answer(exchange, 200, contentType(accept), out.toByteArray());
  }

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** What the registry writes for this Accept header (the Prometheus client's own choice, in its order). */
  static String contentType(String accept) {
    if (accept != null && accept.contains("application/vnd.google.protobuf") && accept.contains("io.prometheus.client.MetricFamily")) {
      return "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
    }
    if (accept != null && accept.contains("application/openmetrics-text")) {
      return "application/openmetrics-text; version=1.0.0; charset=utf-8";
    }
    return TEXT;
  }

  private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
    answer(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (var response = exchange.getResponseBody()) {
      response.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
