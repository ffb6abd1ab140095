package dev.denorm.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.denorm.assembly.StoredDocuments;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /documents/<index>/<id>}: the document as the group's state stores hold it, beside
 * what the engine holds. Any instance answers: the one that owns the document's partition (Kafka
 * Streams' metadata, by {@code application.server}) assembles it from its stores and reads the
 * engine; another forwards the request there once and relays the answer. 404 when neither side
 * holds the id, 503 with {@code Retry-After} while the owner is unknown, moving or restoring.
 */
final class DocumentsRoute implements HttpHandler, AutoCloseable {

  static final String PATH = "/documents/";
  /** Set on a forwarded request: its receiver answers from its own stores or not at all, never forwards again. */
  static final String FORWARDED_BY = "X-Denorm-Forwarded-By";
  private static final int RETRY_AFTER_SECONDS = 2;
  private static final Logger LOG = LoggerFactory.getLogger(DocumentsRoute.class);

  private final Indexes indexes;
  private final RestClient engine;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /**
   * Requests are answered on threads of their own, not the endpoint's one: a slow engine must not
   * hold up a scrape of /metrics, and two instances forwarding to each other at once must not each
   * wait for the other's only thread.
   */
  private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
    var thread = new Thread(r, "denorm-http-documents");
    thread.setDaemon(true);
    return thread;
  });
  /** Set once the Kafka Streams instance exists, which needs this instance's port first. */
  private volatile Instance instance;

  private record Instance(KafkaStreams streams, HostInfo self) {}

  DocumentsRoute(Indexes indexes, RestClient engine) {
    this.indexes = indexes;
    this.engine = engine;
  }

  /** Starts answering from {@code streams}, whose {@code application.server} is {@code self}. */
  void serve(KafkaStreams streams, HostInfo self) {
    instance = new Instance(streams, self);
  }

  @Override
  public void handle(HttpExchange exchange) {
    threads.execute(() -> respond(exchange));
  }

  private void respond(HttpExchange exchange) {
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, DocumentAnswer.error(null, null, "GET only"));
        return;
      }
      String[] parts = exchange.getRequestURI().getPath().substring(PATH.length()).split("/", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        send(exchange, 400, DocumentAnswer.error(null, null, "use /documents/<index>/<id>, index one of " + indexes.names()));
        return;
      }
      String name = parts[0];
      String id = parts[1];
      if (!indexes.names().contains(name)) {
        send(exchange, 404, DocumentAnswer.error(name, id, "no index '" + name + "'; this application keeps " + indexes.names()));
        return;
      }
      long documentId;
      try {
        documentId = Long.parseLong(id);
      } catch (NumberFormatException e) {
        send(exchange, 400, DocumentAnswer.error(name, id, "document ids of " + name + " are integers (its root table's key), not '" + id + "'"));
        return;
      }
      answer(exchange, indexes.named(name), documentId);
    } catch (RuntimeException e) {
      LOG.warn("GET {} failed", exchange.getRequestURI(), e);
      if (exchange.getResponseCode() < 0) {
        try {
          send(exchange, 500, DocumentAnswer.error(null, null, "failed: " + e));
        } catch (IOException ignored) {
          // the client went away
        }
      }
    } catch (IOException e) {
      LOG.debug("GET {}: the client went away", exchange.getRequestURI(), e);
    } finally {
      exchange.close();
    }
  }

  private <D extends SpecificRecord> void answer(HttpExchange exchange, DocumentIndex<D> index, long id) throws IOException {
    String name = index.name();
    String idText = Long.toString(id);
    var current = instance;
    if (current == null) {
      unavailable(exchange, name, idText, "the instance is starting");
      return;
    }
    KeyQueryMetadata owner;
    try {
      owner = StoredDocuments.owner(current.streams(), index, id);
    } catch (IllegalStateException e) { // also StreamsNotStartedException: not running or rebalancing
      unavailable(exchange, name, idText, "Kafka Streams is " + current.streams().state() + ": " + e.getMessage());
      return;
    }
    if (owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().port() < 0) {
      unavailable(exchange, name, idText, "which instance owns the document is not known yet (the group is rebalancing)");
      return;
    }
    String ownerText = address(owner.activeHost());
    if (!owner.activeHost().equals(current.self())) {
      String forwardedBy = exchange.getRequestHeaders().getFirst(FORWARDED_BY);
      if (forwardedBy != null) {
        unavailable(exchange, name, idText, forwardedBy + " sent this here, but the metadata here says " + ownerText
            + " owns it: ownership is moving");
      } else {
        forward(exchange, owner.activeHost(), current.self(), name, idText);
      }
      return;
    }
    D document;
    try {
      document = StoredDocuments.assemble(current.streams(), index, id, owner.partition());
    } catch (InvalidStateStoreException e) {
      unavailable(exchange, name, idText, "the stores of partition " + owner.partition() + " are not queryable here now ("
          + e.getMessage() + "): migrating or restoring");
      return;
    }
    var pipeline = DocumentAnswer.pipelineJson(document);
    JsonNode held;
    try {
      held = DocumentAnswer.engineJson(engine, name, idText);
    } catch (IOException e) {
      var body = DocumentAnswer.error(name, idText, "the search engine " + engine.getNodes() + " did not answer: " + e.getMessage());
      body.set("pipeline", pipeline);
      send(exchange, 502, body.put("owner", ownerText));
      return;
    }
    var body = DocumentAnswer.of(name, idText, pipeline, held, ownerText);
    if (pipeline == null && held == null) {
      body.put("error", "no document " + idText + " in index " + name + ": neither the state stores of its owner "
          + ownerText + " (partition " + owner.partition() + ") nor the search engine hold it");
      send(exchange, 404, body);
    } else {
      send(exchange, 200, body);
    }
  }

  /** Asks the owner and relays its answer as it is; an owner that does not answer is a 503 (it may be moving). */
  private void forward(HttpExchange exchange, HostInfo owner, HostInfo self, String index, String id) throws IOException {
    var request = HttpRequest.newBuilder(URI.create("http://" + address(owner) + PATH + index + "/" + id))
        .header(FORWARDED_BY, address(self))
        .timeout(Duration.ofSeconds(15))
        .GET().build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      unavailable(exchange, index, id, "its owner " + address(owner) + " did not answer (" + e + ")");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable(exchange, index, id, "interrupted while asking its owner " + address(owner));
      return;
    }
    response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
    send(exchange, response.statusCode(), response.body());
  }

  private static void unavailable(HttpExchange exchange, String index, String id, String why) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    send(exchange, 503, DocumentAnswer.error(index, id, why + "; retry in " + RETRY_AFTER_SECONDS + " s")
        .put("retryAfterSeconds", RETRY_AFTER_SECONDS));
  }

  static String address(HostInfo host) {
    return (host.host().contains(":") ? "[" + host.host() + "]" : host.host()) + ":" + host.port();
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    send(exchange, status, DocumentAnswer.JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    threads.shutdownNow();
    http.close();
  }
}
