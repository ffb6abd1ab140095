package dev.denorm.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /status}: the newest {@link StatusReport} as JSON; {@code GET /status.html}: the page
 * that shows it (plain HTML and JavaScript from the jar, no build step, nothing from the internet),
 * fetching {@code /status} every few seconds.
 */
public final class StatusPage implements HttpHandler {

  /** The context of the JSON (it covers both paths; the page may be given a context of its own). */
  public static final String PATH = "/status";
  /** The page: static HTML and JavaScript, no data; it sends the token it is given with its requests of /status. */
  public static final String PAGE_PATH = "/status.html";
  private static final byte[] PAGE = page();
  private final StatusMonitor monitor;

  public StatusPage(StatusMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    int status = 200;
    String type = "text/plain; charset=utf-8";
    byte[] body;
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        status = 405;
        body = "GET only\n".getBytes(StandardCharsets.UTF_8);
      } else if (exchange.getRequestURI().getPath().equals("/status")) {
        type = "application/json";
        body = monitor.json();
      } else if (exchange.getRequestURI().getPath().equals(PAGE_PATH)) {
        type = "text/html; charset=utf-8";
        body = PAGE;
      } else {
        status = 404;
        body = "denorm serves /status (JSON) and /status.html\n".getBytes(StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      status = 500;
      body = ("cannot take the status: " + StatusMonitor.message(e) + "\n").getBytes(StandardCharsets.UTF_8);
    }
    try (exchange) {
      answer(exchange, status, type, body);
    }
  }

  private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static byte[] page() {
    try (var in = StatusPage.class.getResourceAsStream("status.html")) {
      if (in == null) {
        throw new IllegalStateException("status.html is missing from the jar (dev/denorm/status/status.html)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
