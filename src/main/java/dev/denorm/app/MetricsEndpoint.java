package dev.denorm.app;

import dev.denorm.config.HttpSettings;
import dev.denorm.config.HttpSettings.Route;
import java.net.BindException;
import java.io.ByteArrayOutputStream;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The instance's HTTP endpoint: {@code GET /metrics} answers Prometheus' scrape with what the
 * registry holds, in the format the scraper asks for (text or OpenMetrics by its Accept header);
 * the other routes are added by {@link #route}, each behind the {@link BearerToken} when the
 * settings say it requires the token. The JDK's own HTTP server is enough for a scrape every few seconds.
 */
final class MetricsEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final HttpSettings settings;
  private final Optional<BearerToken> token;
  /** Read by the server's thread for its 404 page while routes are still being added. */
  private final List<String> served = new CopyOnWriteArrayList<>();

  private MetricsEndpoint(HttpServer server, HttpSettings settings) {
    this.server = server;
    this.settings = settings;
    this.token = settings.token().map(BearerToken::new);
  }

  /** Binds {@code denorm.http.host} and {@code .port} (0: any free one) and serves /metrics; a port in use fails here, naming it. */
  static MetricsEndpoint start(HttpSettings settings, PrometheusMeterRegistry registry) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    } catch (BindException e) {
      throw new IOException("cannot serve /metrics on " + settings.host() + ":" + settings.port() + " (" + e.getMessage()
          + "); set denorm.http.port to a free port, 0 for any, or -1 for none", e);
    }
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      var thread = new Thread(r, "denorm-http");
      thread.setDaemon(true);
      return thread;
    }));
    var endpoint = new MetricsEndpoint(server, settings);
    endpoint.route("/metrics", Route.METRICS, exchange -> scrape(exchange, registry));
    server.createContext("/", exchange -> answer(exchange, 404, "text/plain",
        "denorm serves " + String.join(", ", endpoint.served) + "\n"));
    server.start();
    return endpoint;
  }

  /**
   * Serves {@code path} (and every path below it) by {@code handler}, from now on; behind the token
   * when there is one and {@code denorm.http.token.routes} lists {@code route}.
   */
  void route(String path, Route route, HttpHandler handler) {
    var context = server.createContext(path, handler);
    if (settings.requiresToken(route)) {
      context.getFilters().add(token.orElseThrow());
      served.add(path + " (token)");
    } else {
      served.add(path);
    }
  }

  /**
   * Serves {@code path} by {@code handler} to anyone: for what shows no data (a static page, a route
   * that is off); {@code note}, if not empty, is shown beside the path in the list of routes.
   */
  void routeOpen(String path, HttpHandler handler, String note) {
    server.createContext(path, handler);
    served.add(note.isEmpty() ? path : path + " (" + note + ")");
  }

  /** The paths served, each marked when it requires the token. */
  String describe() {
    return String.join(", ", served);
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
