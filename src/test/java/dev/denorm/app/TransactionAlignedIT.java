package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpSettings;
import dev.denorm.config.TopologySettings;
import dev.denorm.document.OrderDocument;
import dev.denorm.document.OrderLine;
import dev.denorm.index.order.OrderIndex;
import dev.denorm.position.Mark;
import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.testing.ShopStack;
import dev.denorm.testing.Sql;
import dev.denorm.testkit.TempDirs;
import dev.denorm.tools.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * Transaction-aligned documents on the embedded stack with the real connector: writers commit orders
 * with 1 to 50 new lines in one transaction (the order's status, its old lines deleted, the new ones
 * inserted) while a reader searches the orders without pause. Every transaction leaves a committed
 * state that says itself: status {@code TX-t}, {@code k_t} lines, each of quantity {@code t}. No
 * search ever returns an order in another state, and neither does any version the topology wrote to
 * the document topic. (Without alignment the topology writes an order with part of its lines:
 * {@code TransactionAlignedDocumentsTest} shows it, and so does this test with the setting off.)
 */
class TransactionAlignedIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WRITERS = 4;
  private static final int TRANSACTIONS = 40;
  private static final long LINE_IDS = 50_000_000L;

  /** Per transaction number, how many lines it gave its order. */
  private final Map<Integer, Integer> lineCounts = new ConcurrentHashMap<>();

  @Test
  void shouldNeverShowAnOrderWithPartOfTheLinesOneTransactionWrote() throws Exception {
    var state = TempDirs.create("denorm-aligned-");
    var config = AppConfig.from(Map.of(HttpSettings.PORT, "0", HttpSettings.HOST, "127.0.0.1",
        TopologySettings.TRANSACTIONS_ALIGNED, "true", TopologySettings.TRANSACTION_HOLD_MAX_MS, "60000",
        "commit.interval.ms", "500"));
    try (var stack = ShopStack.start(config, 20);
        var engine = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build()) {
      try (var app = DenormApp.start(config, stack.endpoints(), Optional.of(state))) {
        await("running").atMost(Duration.ofSeconds(90)).until(() -> app.state() == KafkaStreams.State.RUNNING);
        await("the orders are searchable").atMost(Duration.ofSeconds(120)).until(() -> hits(engine).size() == WRITERS);

        var stop = new AtomicBoolean();
        var bad = new ConcurrentLinkedQueue<String>();
        var searched = new AtomicInteger();
        var reader = Executors.newSingleThreadExecutor();
        var reading = reader.submit(() -> {
          while (!stop.get()) {
            for (JsonNode hit : hits(engine)) {
              check(hit.path("_source"), hit.path("_id").asText(), "search").ifPresent(bad::add);
            }
            searched.incrementAndGet();
          }
          return null;
        });
        var pool = Executors.newFixedThreadPool(WRITERS);
        var done = new ArrayList<Future<?>>();
        for (int w = 0; w < WRITERS; w++) {
          int order = w + 1;
          done.add(pool.submit(() -> write(stack, order)));
        }
        try {
          for (var writer : done) {
            writer.get(5, TimeUnit.MINUTES);
          }
          // the last transaction of each order is searchable in the end
          await("every order shows its last transaction").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
              .until(() -> hits(engine).stream().filter(h -> h.at("/_source/status").asText()
                  .equals("TX-" + last(Integer.parseInt(h.path("_id").asText())))).count() == WRITERS);
        } finally {
          stop.set(true);
          reading.get(1, TimeUnit.MINUTES);
          reader.shutdownNow();
          pool.shutdownNow();
        }
        assertThat(searched.get()).as("searches run during the load").isGreaterThan(50);
        assertThat(bad).as("searched orders in no committed state").isEmpty();

        int versions = versions(config, stack.endpoints().bootstrapServers(), bad);
        System.out.printf("transaction-aligned: %d transactions of 1-50 lines, %d searches, %d document versions"
            + " written, none partial%n", WRITERS * TRANSACTIONS, searched.get(), versions);
        assertThat(versions).as("document versions of the written orders").isGreaterThanOrEqualTo(WRITERS);
        assertThat(bad).as("written order versions in no committed state").isEmpty();
        // the metrics say documents waited, and none was written before its transactions were applied
        await("the assembly metrics are exported").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
            .until(() -> metric(app, "kafka_denorm_assembly_documents_held_total") > 0);
        assertThat(metric(app, "kafka_denorm_assembly_documents_unaligned_total")).isZero();
      }
    } finally {
      TempDirs.delete(state);
    }
  }

  /** TRANSACTIONS transactions on one order: status TX-t, old lines out, 1-50 lines of quantity t in. */
  private Void write(Stack stack, int order) throws Exception {
    var random = new Random(order);
    try (var c = stack.endpoints().connect()) {
      c.setAutoCommit(false);
      for (int i = 0; i < TRANSACTIONS; i++) {
        int t = order * 1_000 + i + 1;
        int lines = 1 + random.nextInt(50);
        lineCounts.put(t, lines);
        last.put(order, t);
        Sql.exec(c, "UPDATE shop.orders SET status = 'TX-" + t + "' WHERE id = " + order);
        Sql.exec(c, "DELETE FROM shop.order_lines WHERE order_id = " + order);
        Sql.exec(c, "INSERT INTO shop.order_lines (id, order_id, product_id, quantity, unit_price) SELECT "
            + (LINE_IDS + t * 100L) + " + g, " + order + ", 1, " + t + ", 1.00 FROM generate_series(1, " + lines + ") g");
        c.commit();
      }
    }
    return null;
  }

  private final Map<Integer, Integer> last = new ConcurrentHashMap<>();

  private int last(int order) {
    return last.getOrDefault(order, -1);
  }

  /** What is wrong with this order document, if it shows no state a transaction committed. */
  private Optional<String> check(JsonNode doc, String id, String where) {
    String status = doc.path("status").asText();
    if (!status.startsWith("TX-")) {
      for (JsonNode line : doc.path("lines")) {
        if (line.path("id").asLong() > LINE_IDS) {
          return Optional.of(where + " " + id + ": status " + status + " with a line of a transaction: " + doc);
        }
      }
      return Optional.empty();
    }
    int t = Integer.parseInt(status.substring(3));
    Integer count = lineCounts.get(t);
    int lines = doc.path("lines").size();
    boolean same = true;
    for (JsonNode line : doc.path("lines")) {
      same &= line.path("quantity").asInt() == t;
    }
    return count != null && count == lines && same && doc.path("line_count").asInt() == lines ? Optional.empty()
        : Optional.of(where + " " + id + ": " + status + " committed " + count + " lines of quantity " + t + ", shows "
            + lines + ": " + doc);
  }

  /** The sum of a Prometheus counter over its series on the app's /metrics. */
  private static double metric(DenormApp app, String name) throws Exception {
    var body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + app.httpPort().orElseThrow() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith(name + "{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** A search for the writers' orders. */
  private static List<JsonNode> hits(RestClient engine) throws Exception {
    var request = new Request("GET", "/orders/_search");
    request.addParameter("q", "id:[1 TO " + WRITERS + "]");
    request.addParameter("size", "100");
    var response = JSON.readTree(engine.performRequest(request).getEntity().getContent());
    var hits = new ArrayList<JsonNode>();
    response.at("/hits/hits").forEach(hits::add);
    return hits;
  }

  /** Every version the topology wrote of the orders, checked; how many there were. */
  private int versions(AppConfig config, String bootstrap, ConcurrentLinkedQueue<String> bad) throws Exception {
    String topic = config.topology().documentTopic("orders");
    int versions = 0;
    try (var consumer = EmbeddedKafkaBroker.clients(bootstrap).consumer("aligned-it",
            Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
        var deserializer = new OrderIndex().documentSerde().deserializer()) {
      var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (Mark.isDocumentKey(record.key()) || record.value() == null
              || Long.parseLong(record.key()) > WRITERS) {
            continue;
          }
          OrderDocument doc = deserializer.deserialize(topic, record.value());
          versions++;
          check(json(doc), record.key(), "version at offset " + record.offset()).ifPresent(bad::add);
        }
      }
    }
    return versions;
  }

  private static JsonNode json(OrderDocument doc) {
    var node = JSON.createObjectNode();
    node.put("status", doc.getStatus());
    node.put("line_count", doc.getLineCount());
    var lines = node.putArray("lines");
    for (OrderLine line : doc.getLines()) {
      lines.addObject().put("id", line.getId()).put("quantity", line.getQuantity());
    }
    return node;
  }
}
