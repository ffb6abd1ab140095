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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small HTTP proxy in front of a search engine that can fail on purpose: answer every request
 * (or those of some paths) with a status (429, 503, 403) or refuse connections altogether (the
 * listening socket is closed and reopened on the same port), then recover.
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
  private final Map<String, Integer> failingPaths = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> forwarded = new ConcurrentHashMap<>();
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

  /** Answers requests whose path starts with {@code pathPrefix} with this status; the others pass. */
  public void failPath(String pathPrefix, int status) {
    failingPaths.put(pathPrefix, status);
  }

  /** Responses of the engine with this status passed on so far. */
  public int forwarded(int status) {
    var count = forwarded.get(status);
    return count == null ? 0 : count.get();
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
      Integer pathStatus = failingPaths.entrySet().stream()
          .filter(e -> exchange.getRequestURI().getPath().startsWith(e.getKey())).map(Map.Entry::getValue)
          .findFirst().orElse(null);
      Mode current = mode.get();
      if (current instanceof Fail || pathStatus != null) {
        int status = pathStatus != null ? pathStatus : ((Fail) current).status();
        failed.incrementAndGet();
        byte[] body = ("{\"error\":{\"type\":\"injected_fault\",\"reason\":\"fault proxy\"},\"status\":"
            + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
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
      forwarded.computeIfAbsent(response.statusCode(), c -> new AtomicInteger()).incrementAndGet();
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
