package dev.denorm.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A search engine that only answers {@code _bulk}, accepting every action, and records the
 * document ids of each request: for tests that need the real writer but not a real engine. With
 * a request limit it answers a larger body with 413 and no body, as an engine does over its
 * {@code http.max_content_length}, and reports that limit on {@code GET /_nodes/http}.
 */
public final class BulkEngineStub implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] ACCEPTED = "{\"took\":0,\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final int requestLimit;
  private final List<List<String>> requests = new ArrayList<>();
  private final List<Integer> acceptedBodies = new ArrayList<>();
  private int refused;

  public BulkEngineStub() {
    this(Integer.MAX_VALUE, false);
  }

  /** Answers a body over {@code requestLimit} bytes with 413; {@code tellsLimit}: says so on {@code _nodes/http}. */
  public BulkEngineStub(int requestLimit, boolean tellsLimit) {
    this.requestLimit = requestLimit;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/_bulk", this::bulk);
    if (tellsLimit) {
      server.createContext("/_nodes/http", this::nodes);
    }
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The ids of every action received, in order. */
  public synchronized List<String> ids() {
    return requests.stream().flatMap(List::stream).toList();
  }

  /** Requests accepted. */
  public synchronized int requests() {
    return requests.size();
  }

  /** The body size of each request accepted, in order. */
  public synchronized List<Integer> acceptedBodies() {
    return List.copyOf(acceptedBodies);
  }

  /** Requests answered 413. */
  public synchronized int refused() {
    return refused;
  }

  private void bulk(HttpExchange exchange) throws IOException {
    byte[] body;
    try (var in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    if (body.length > requestLimit) {
      synchronized (this) {
        refused++;
      }
      exchange.sendResponseHeaders(413, -1);
      exchange.close();
      return;
    }
    var ids = new ArrayList<String>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      for (String action : List.of("index", "delete")) {
        if (node.path(action).has("_id")) {
          ids.add(node.path(action).path("_id").asText());
        }
      }
    }
    synchronized (this) {
      requests.add(ids);
      acceptedBodies.add(body.length);
    }
    respond(exchange, ACCEPTED);
  }

  private void nodes(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    respond(exchange, ("{\"nodes\":{\"a\":{\"http\":{\"max_content_length_in_bytes\":" + requestLimit + "}},"
        + "\"b\":{\"http\":{\"max_content_length_in_bytes\":" + (requestLimit * 2L) + "}}}}").getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
