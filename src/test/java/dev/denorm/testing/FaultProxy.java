package dev.denorm.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small HTTP proxy in front of a search engine that can fail on purpose: answer every request
 * with a status (429, 503) or refuse connections altogether (the listening socket is closed and
 * reopened on the same port), then recover.
 */
public final class FaultProxy implements AutoCloseable {

  private sealed interface Mode permits Pass, Fail, Refuse {}

  private record Pass() implements Mode {}

  private record Fail(int status) implements Mode {}

  private record Refuse() implements Mode {}

  private final URI target;
  private final int port;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final AtomicReference<Mode> mode = new AtomicReference<>(new Pass());
  private final AtomicInteger failed = new AtomicInteger();
  private HttpServer server;

  public FaultProxy(String targetUrl) {
    this.target = URI.create(targetUrl);
    this.port = FreePorts.next();
    listen();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Answers every request with this status and an engine-like error body. */
  public synchronized void failWith(int status) {
    listen();
    mode.set(new Fail(status));
  }

  /** Closes the socket: clients get "connection refused". */
  public synchronized void refuseConnections() {
    mode.set(new Refuse());
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Forwards everything again. */
  public synchronized void recover() {
    listen();
    mode.set(new Pass());
  }

  /** Requests answered with a failure status so far. */
  public int failedRequests() {
    return failed.get();
  }

  private void listen() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (mode.get() instanceof Fail fail) {
        failed.incrementAndGet();
        byte[] body = ("{\"error\":{\"type\":\"injected_fault\",\"reason\":\"fault proxy\"},\"status\":"
            + fail.status() + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(fail.status(), body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      var uri = target.resolve(exchange.getRequestURI().toString());
      var request = HttpRequest.newBuilder(uri)
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(requestBody));
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
      byte[] body = response.body();
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
    client.close();
  }
}
