package dev.denorm.app;

import dev.denorm.cdc.RowKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.denorm.assembly.StoredDocuments;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import dev.denorm.config.HttpSettings;
import dev.denorm.config.HttpSettings.Route;
import java.io.IOException;
import java.util.Optional;
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
 * engine; another forwards the request there once ({@link OwnerForward}, with the token) and relays
 * the answer. 404 when neither side holds the id, 503 with {@code Retry-After} while the owner is
 * unknown, moving or restoring, 429 with {@code Retry-After} when more requests wait than
 * {@code denorm.http.max.queued}. Off unless {@code denorm.http.documents.enabled}: then {@link #off()}.
 */
final class DocumentsRoute implements HttpHandler, AutoCloseable {

  static final String PATH = "/documents/";
  /** Set on a forwarded request: its receiver answers from its own stores or not at all, never forwards again. */
  static final String FORWARDED_BY = "X-Denorm-Forwarded-By";
  static final int THREADS = 4;
  private static final int RETRY_AFTER_SECONDS = 2;
  private static final int BUSY_RETRY_AFTER_SECONDS = 1;
  private static final Logger LOG = LoggerFactory.getLogger(DocumentsRoute.class);

  private final Indexes indexes;
  private final RestClient engine;
  private final OwnerForward forward;
  /**
   * Requests are answered on threads of their own, not the endpoint's one, so a slow engine does
   * not hold up a scrape of /metrics; those forwarded here by another instance on threads apart
   * from those that forward, so two instances forwarding to each other at once never each wait
   * for the other's busy threads. Both have bounded queues ({@code denorm.http.max.queued}).
   */
  private final BoundedPool requests;
  private final BoundedPool forwarded;
  private final int maxQueued;
  /** Set once the Kafka Streams instance exists, which needs this instance's port first. */
  private volatile Instance instance;

  private record Instance(KafkaStreams streams, HostInfo self) {}

  DocumentsRoute(Indexes indexes, RestClient engine, HttpSettings settings) {
    this(indexes, engine, settings, new BoundedPool("denorm-http-documents", THREADS, settings.maxQueued()),
        new BoundedPool("denorm-http-documents-forwarded", THREADS, settings.maxQueued()));
  }

  /** With the pools given, for tests that fill them. */
  DocumentsRoute(Indexes indexes, RestClient engine, HttpSettings settings, BoundedPool requests, BoundedPool forwarded) {
    this.indexes = indexes;
    this.engine = engine;
    this.forward = new OwnerForward(settings.token(), settings.maxRelayedBytes());
    this.requests = requests;
    this.forwarded = forwarded;
    this.maxQueued = settings.maxQueued();
  }

  /**
   * Adds the route to {@code http} as {@code settings} say: on (behind the token when there is one),
   * returned to be {@linkplain #serve served} once Kafka Streams exists; or {@linkplain #off() off}.
   */
  static Optional<DocumentsRoute> addTo(MetricsEndpoint http, HttpSettings settings, Indexes indexes, RestClient engine) {
    if (!settings.documentsEnabled()) {
      http.routeOpen(PATH, off(), "off");
      return Optional.empty();
    }
    var route = new DocumentsRoute(indexes, engine, settings);
    http.route(PATH, Route.DOCUMENTS, route);
    return Optional.of(route);
  }

  /** What the path answers while the route is off: 404, saying what it would serve and how to turn it on. */
  static HttpHandler off() {
    return exchange -> {
      try (exchange) {
        send(exchange, 404, DocumentAnswer.error(null, null, "GET /documents/<index>/<id> is off on this instance: it"
            + " would show any document, and the search engine's copy of it, to whoever may call it. Turn it on with"
            + " denorm.http.documents.enabled=true, with a token in denorm.http.token.file (see docs/operations.md,"
            + " \"Documents by id\")"));
      }
    };
  }

  /** Starts answering from {@code streams}, whose {@code application.server} is {@code self}. */
  void serve(KafkaStreams streams, HostInfo self) {
    instance = new Instance(streams, self);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    var pool = exchange.getRequestHeaders().containsKey(FORWARDED_BY) ? forwarded : requests;
    if (pool.offer(() -> respond(exchange))) {
      return;
    }
    try (exchange) {
      if (pool.closed()) {
        send(exchange, 503, DocumentAnswer.error(null, null, "the instance is stopping"));
        return;
      }
      exchange.getResponseHeaders().set("Retry-After", Integer.toString(BUSY_RETRY_AFTER_SECONDS));
      send(exchange, 429, DocumentAnswer.error(null, null, "busy: " + THREADS + " document requests are being answered"
          + " and " + maxQueued + " wait (denorm.http.max.queued); retry in " + BUSY_RETRY_AFTER_SECONDS + " s")
          .put("retryAfterSeconds", BUSY_RETRY_AFTER_SECONDS));
    }
  }

  private void respond(HttpExchange exchange) {
    try {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, DocumentAnswer.error(null, null, "GET only"));
        return;
      }
      // raw: a document id may hold an encoded '/'; each part is decoded by itself
      String[] parts = exchange.getRequestURI().getRawPath().substring(PATH.length()).split("/", -1);
      for (int i = 0; i < parts.length; i++) {
        parts[i] = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
      }
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
      RowKey documentId;
      var root = indexes.named(name).plan().root().table();
      try {
        documentId = root.parseKey(id);
      } catch (IllegalArgumentException e) {
        send(exchange, 400, DocumentAnswer.error(name, id, "'" + id + "' is no document id of " + name + ": ids are the key "
            + root.keyColumns() + " of " + root.name() + " (" + e.getMessage() + ")"));
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

  private <D extends SpecificRecord> void answer(HttpExchange exchange, DocumentIndex<D> index, RowKey id) throws IOException {
    String name = index.name();
    String idText = id.text();
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
    String ownerText = address(owner);
    switch (forward.ask(owner, self, index, id)) {
      case OwnerForward.Relayed relayed -> {
        relayed.retryAfter().ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
        send(exchange, relayed.status(), relayed.body());
      }
      case OwnerForward.TooLarge tooLarge -> send(exchange, 502, DocumentAnswer.error(index, id, "the answer of its owner "
          + ownerText + " is larger than " + tooLarge.maxBytes() + " bytes (denorm.http.max.relayed.bytes); raise that,"
          + " or ask " + ownerText + " itself").put("owner", ownerText));
      case OwnerForward.Refused refused -> send(exchange, 502, DocumentAnswer.error(index, id, "its owner " + ownerText
          + " refused this instance's token: every instance of the group needs the same denorm.http.token.file (or"
          + " denorm.http.token)").put("owner", ownerText));
      case OwnerForward.NoAnswer none -> unavailable(exchange, index, id, "its owner " + ownerText + " did not answer ("
          + none.why() + ")");
    }
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
    requests.close();
    forwarded.close();
    forward.close();
  }
}
