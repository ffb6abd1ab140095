package dev.denorm.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.denorm.index.Indexes;
import dev.denorm.position.Barrier;
import dev.denorm.position.Lsn;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /wait?index=<index>&lsn=<pg_lsn>[&timeout=5s]}: answers 200 once every change committed
 * in PostgreSQL up to {@code lsn} is searchable in the index ({@link Barrier}), 504 with how far each
 * stage got when the timeout passes first. Any instance answers: the one that runs the index's sink
 * task waits, the others pass the request to it once. 400 for a bad parameter, 404 for an unknown
 * index, 503 while the group does not know where the sink task runs. Waits run on their own threads,
 * so that a wait never holds up /metrics or /status.
 */
final class WaitRoute implements AutoCloseable {

  static final String PATH = "/wait";
  /** The timer of waits: {@code denorm_wait_seconds} in Prometheus. */
  static final String WAITS = "denorm.wait";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(WaitRoute.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The request as checked: index, LSN and timeout. */
  record Request(String index, long lsn, Duration timeout) {}

  private final Indexes indexes;
  private final Function<String, String> documentTopic;
  private final Barrier barrier;
  /** A wait's answer is a few KiB: one larger than this from another instance is no answer of ours. */
  private static final int MAX_RELAYED_BYTES = 1 << 20;
  private final OwnerForward forward;
  private final BoundedPool pool = new BoundedPool("denorm-wait", 32, 256);
  private final MeterRegistry meters;
  private volatile KafkaStreams streams;
  private volatile HostInfo self;

  /** @param documentTopic index -> its document topic */
  WaitRoute(Indexes indexes, Function<String, String> documentTopic, Barrier barrier, Optional<Password> token) {
    this(indexes, documentTopic, barrier, token, new SimpleMeterRegistry());
  }

  /** As above, each wait this instance answers timed in {@value #WAITS} (tags index, outcome) in {@code meters}. */
  WaitRoute(Indexes indexes, Function<String, String> documentTopic, Barrier barrier, Optional<Password> token,
      MeterRegistry meters) {
    this.meters = meters;
    this.documentTopic = documentTopic;
    this.indexes = indexes;
    this.barrier = barrier;
    this.forward = new OwnerForward(token, MAX_RELAYED_BYTES);
  }

  void serve(KafkaStreams streams, HostInfo self) {
    this.self = self;
    this.streams = streams;
  }

  void handle(HttpExchange exchange) {
    if (!pool.offer(() -> respond(exchange))) {
      try (exchange) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        answer(exchange, 429, error("too many waits at once: try again"));
      } catch (IOException e) {
        LOG.debug("answering a refused wait failed", e);
      }
    }
  }

  private void respond(HttpExchange exchange) {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, error("GET only"));
        return;
      }
      Request request;
      try {
        request = parse(exchange.getRequestURI(), indexes);
      } catch (IllegalArgumentException e) {
        answer(exchange, e instanceof UnknownIndex ? 404 : 400, error(e.getMessage()));
        return;
      }
      answer(exchange, request);
    } catch (IOException e) {
      LOG.debug("answering a wait failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void answer(HttpExchange exchange, Request request) throws IOException, InterruptedException {
    var current = streams;
    if (current == null) {
      unavailable(exchange, "this instance has not started its stream threads yet");
      return;
    }
    var placement = SinkPlacement.of(current, request.index(), documentTopic.apply(request.index()));
    if (placement.hosts().isEmpty()) {
      unavailable(exchange, "which instance runs the sink task of index " + request.index() + " is not known yet (the "
          + "group is rebalancing)");
      return;
    }
    if (placement.hosts().size() > 1) {
      unavailable(exchange, "the document topic of index " + request.index() + " has partitions on several instances "
          + placement.hosts() + "; the barrier needs them on one (give the document topic one partition)");
      return;
    }
    var host = placement.hosts().iterator().next();
    if (!host.equals(self)) {
      String forwardedBy = exchange.getRequestHeaders().getFirst(DocumentsRoute.FORWARDED_BY);
      if (forwardedBy != null) {
        unavailable(exchange, forwardedBy + " sent this here, but the metadata here says " + DocumentsRoute.address(host)
            + " runs the sink of " + request.index() + ": it is moving");
      } else {
        forward(exchange, host);
      }
      return;
    }
    long start = System.nanoTime();
    var outcome = barrier.await(request.index(), placement.partitions(), request.lsn(), request.timeout());
    Timer.builder(WAITS).description("read-your-writes waits this instance answered, from the request to the answer")
        .tag("index", request.index()).tag("outcome", outcome instanceof Barrier.Searchable ? "searchable" : "timeout")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(MAX_TIMEOUT)
        .register(meters).record(Duration.ofNanos(System.nanoTime() - start));
    var body = JSON.createObjectNode().put("index", request.index()).put("lsn", Lsn.format(request.lsn()));
    if (outcome instanceof Barrier.Searchable searchable) {
      body.put("searchable", true).put("searchable_lsn", Lsn.format(searchable.searchable()));
      answer(exchange, 200, body);
    } else {
      var timedOut = (Barrier.TimedOut) outcome;
      body.put("searchable", false).put("timeout_ms", request.timeout().toMillis()).put("behind", timedOut.behind())
          .set("stages", JSON.valueToTree(timedOut.stages()));
      answer(exchange, 504, body);
    }
  }

  private void forward(HttpExchange exchange, HostInfo host) throws IOException {
    String address = DocumentsRoute.address(host);
    var outcome = forward.ask(host, self, exchange.getRequestURI().getRawPath() + "?"
        + exchange.getRequestURI().getRawQuery(), MAX_TIMEOUT.plusSeconds(15));
    switch (outcome) {
      case OwnerForward.Relayed relayed -> {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(relayed.status(), relayed.body().length == 0 ? -1 : relayed.body().length);
        exchange.getResponseBody().write(relayed.body());
      }
      case OwnerForward.Refused refused -> answer(exchange, 401, error("the instance that runs the sink, " + address
          + ", requires a token this instance does not have"));
      case OwnerForward.TooLarge tooLarge -> answer(exchange, 502, error("the instance that runs the sink, " + address
          + ", answered more than " + tooLarge.maxBytes() + " bytes"));
      case OwnerForward.NoAnswer noAnswer -> unavailable(exchange, "the instance that runs the sink, " + address
          + ", did not answer: " + noAnswer.why());
    }
  }

  /** Checks the query; {@link UnknownIndex} for an index that does not exist. */
  static Request parse(URI uri, Indexes indexes) {
    Map<String, String> query = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    String index = query.get("index");
    if (index == null || index.isBlank()) {
      throw new IllegalArgumentException("give the index: /wait?index=<index>&lsn=<pg_lsn>[&timeout=5s]");
    }
    if (!indexes.names().contains(index)) {
      throw new UnknownIndex("no index " + index + "; there are " + new TreeSet<>(indexes.names()));
    }
    String lsn = query.get("lsn");
    if (lsn == null) {
      throw new IllegalArgumentException("give the LSN to wait for: lsn=<pg_lsn>, e.g. what "
          + "SELECT pg_current_wal_insert_lsn() returns after your commit");
    }
    return new Request(index, Lsn.parse(lsn), timeout(query.get("timeout")));
  }

  /** {@code 5s}, {@code 500ms} or milliseconds; at most {@link #MAX_TIMEOUT}. */
  static Duration timeout(String text) {
    return text == null ? DEFAULT_TIMEOUT : duration(text, MAX_TIMEOUT);
  }

  /** {@code 5s}, {@code 500ms} or milliseconds; at most {@code max}. */
  static Duration duration(String text, Duration max) {
    Duration timeout;
    try {
      timeout = text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
          : text.endsWith("s") ? Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)))
          : Duration.ofMillis(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("timeout '" + text + "' is none of 5s, 500ms or a number of milliseconds");
    }
    if (timeout.isNegative() || timeout.compareTo(max) > 0) {
      throw new IllegalArgumentException("timeout " + text + " must be between 0 and " + max.toSeconds() + "s");
    }
    return timeout;
  }

  /** An index that does not exist: 404. */
  static final class UnknownIndex extends IllegalArgumentException {
    UnknownIndex(String message) {
      super(message);
    }
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void unavailable(HttpExchange exchange, String why) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", "1");
    answer(exchange, 503, error(why));
  }

  private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    pool.close();
    forward.close();
  }
}
