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
 * document ids of each request: for tests that need the real writer but not a real engine.
 */
final class BulkEngineStub implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] ACCEPTED = "{\"took\":0,\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final List<List<String>> requests = new ArrayList<>();

  BulkEngineStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/_bulk", this::bulk);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The ids of every action received, in order. */
  synchronized List<String> ids() {
    return requests.stream().flatMap(List::stream).toList();
  }

  synchronized int requests() {
    return requests.size();
  }

  private void bulk(HttpExchange exchange) throws IOException {
    var ids = new ArrayList<String>();
    try (var body = exchange.getRequestBody()) {
      for (String line : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
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
    }
    synchronized (this) {
      requests.add(ids);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, ACCEPTED.length);
    try (var out = exchange.getResponseBody()) {
      out.write(ACCEPTED);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
