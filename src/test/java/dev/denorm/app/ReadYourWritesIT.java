package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.client.ReadYourWrites;
import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpSettings;
import dev.denorm.config.SinkSettings;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.Indexes;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.ShopStack;
import dev.denorm.testing.Sql;
import dev.denorm.testkit.TempDirs;
import dev.denorm.verify.SearchDocuments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.kafka.streams.KafkaStreams;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * The read-your-writes barrier on the embedded stack with the real connector, two instances of one
 * group. The orders index is never refreshed on its own ({@code refresh_interval=-1}, no refresh on
 * lone writes): a search finds a change only once something refreshes the index, so a search right
 * after the barrier answered proves the barrier waited for the engine, not luck. Twenty writers at
 * once, 1 000 times in all: commit, read {@code pg_current_wal_insert_lsn()}, wait through the
 * instance that does not run the orders sink (so the request is forwarded), search; every search
 * finds its write. An index that no
 * change touches answers at once; with the connector paused the wait times out and says so. When
 * the instance that runs the orders sink stops, the other takes the sink over and its barrier holds;
 * when the stopped one starts again on its state, a wait through it holds as well.
 */
class ReadYourWritesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WRITERS = 20;
  private static final int TRIES = 50;

  @Test
  void shouldFindEveryCommittedWriteInASearchRightAfterTheBarrierAnsweredThroughEitherInstance() throws Exception {
    var stateA = TempDirs.create("denorm-ryw-a-");
    var stateB = TempDirs.create("denorm-ryw-b-");
    var config = AppConfig.from(Map.of(HttpSettings.PORT, "0", HttpSettings.HOST, "127.0.0.1",
        TopologySettings.PARTITIONS, "2", "commit.interval.ms", "500",
        SinkSettings.INDEX_SETTINGS, "merge.policy.floor_segment=2mb,orders:refresh_interval=-1",
        SinkSettings.LONE_REFRESH, "false"));
    try (var stack = ShopStack.start(config, 20);
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var engine = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build()) {
      var a = DenormApp.start(config, stack.endpoints(), Optional.of(stateA));
      var b = DenormApp.start(config, stack.endpoints(), Optional.of(stateB));
      var running = new ArrayList<>(List.of(a, b));
      try {
      await("both instances running").atMost(Duration.ofSeconds(90))
          .until(() -> a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING);
      OracleWait.until(a, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(120));
      String documentTopic = config.topology().documentTopic("orders");
      var other = await("the group knows where the orders sink runs").atMost(Duration.ofSeconds(60)).until(() -> {
        var hosts = SinkPlacement.of(a.streams(), "orders", documentTopic).hosts();
        if (hosts.size() != 1) {
          return null;
        }
        int sinkPort = hosts.iterator().next().port();
        return sinkPort == a.httpPort().orElseThrow() ? b : a;
      }, instance -> instance != null);
      var barrier = new ReadYourWrites(URI.create("http://127.0.0.1:" + other.httpPort().orElseThrow()), Optional.empty());

      try (var c = stack.endpoints().connect()) {
        // the control: an acknowledged write that nothing refreshed is not found by a search
        Sql.exec(c, "UPDATE shop.orders SET status = 'CONTROL' WHERE id = 1");
        await("the engine holds order 1's new status").atMost(Duration.ofSeconds(60))
            .until(() -> "CONTROL".equals(realtimeStatus(engine, "1")));
        assertThat(searchedStatus(engine, "1")).as("no refresh ran, so the search sees the old status")
            .isNotEqualTo("CONTROL");

        // WRITERS writers at once, each on its own order, TRIES each: 1 000 commit-wait-search rounds
        var waits = new ConcurrentLinkedQueue<Long>();
        var pool = Executors.newFixedThreadPool(WRITERS);
        try {
          var writers = new ArrayList<Future<?>>();
          for (int w = 0; w < WRITERS; w++) {
            String id = Integer.toString(1 + w);
            writers.add(pool.submit(() -> {
              try (var own = stack.endpoints().connect()) {
                for (int i = 0; i < TRIES; i++) {
                  String status = "RYW-" + id + "-" + i;
                  Sql.exec(own, "UPDATE shop.orders SET status = '" + status + "' WHERE id = " + id);
                  long waitStart = System.nanoTime();
                  var answer = barrier.awaitCommitted(own, "orders", Duration.ofSeconds(30));
                  waits.add((System.nanoTime() - waitStart) / 1_000_000);
                  assertThat(answer.searchable()).as("order %s, write %d: %s", id, i, answer.body()).isTrue();
                  assertThat(searchedStatus(engine, id)).as("order %s, write %d, after %s", id, i, answer.body())
                      .isEqualTo(status);
                }
              }
              return null;
            }));
          }
          for (var writer : writers) {
            writer.get(10, TimeUnit.MINUTES);
          }
        } finally {
          pool.shutdownNow();
        }
        long[] sorted = waits.stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(sorted).hasSize(WRITERS * TRIES);
        System.out.printf("commit to searchable through the barrier, %d writes by %d writers: p50 %d ms, p90 %d ms,"
            + " p99 %d ms, max %d ms%n", sorted.length, WRITERS, sorted[sorted.length / 2], sorted[sorted.length * 9 / 10],
            sorted[sorted.length * 99 / 100], sorted[sorted.length - 1]);

        // an index none of whose tables changed since answers at once
        Sql.exec(c, "UPDATE shop.orders SET status = 'IDLE-CHECK' WHERE id = 2");
        long start = System.nanoTime();
        var products = barrier.awaitCommitted(c, "products", Duration.ofSeconds(10));
        assertThat(products.searchable()).as(products.body()).isTrue();
        System.out.printf("products (idle) answered in %.0f ms%n", (System.nanoTime() - start) / 1e6);

        // with the connector paused, nothing passes the position: the wait says which stage is behind
        var connect = HttpClient.newHttpClient();
        String connector = stack.endpoints().connectUrl() + "/connectors/" + config.stack().connectorName();
        send(connect, connector + "/pause");
        try {
          Sql.exec(c, "UPDATE shop.orders SET status = 'PAUSED' WHERE id = 3");
          var paused = barrier.awaitCommitted(c, "orders", Duration.ofSeconds(3));
          assertThat(paused.status()).as(paused.body()).isEqualTo(504);
          JsonNode body = JSON.readTree(paused.body());
          assertThat(body.get("searchable").asBoolean()).isFalse();
          assertThat(body.get("behind").asText()).as(paused.body()).isEqualTo("capture");
          assertThat(body.at("/stages/capture/connector").asText()).as(paused.body()).isNotEmpty();
        } finally {
          send(connect, connector + "/resume");
        }
        var resumed = barrier.awaitCommitted(c, "orders", Duration.ofSeconds(60));
        assertThat(resumed.searchable()).as(resumed.body()).isTrue();
        assertThat(searchedStatus(engine, "3")).isEqualTo("PAUSED");
      }

      // a bad request is refused with what to give
      var bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + other.httpPort().orElseThrow() + "/wait?index=orders&lsn=12345")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("is no PostgreSQL LSN");

      // the waits were answered, and timed, by the instance that runs the orders sink
      var sinkInstance = other == a ? b : a;
      var metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + sinkInstance.httpPort().orElseThrow() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).as("1 000 and more searchable waits, one timed out")
          .containsPattern("denorm_wait_seconds_count\\{index=\"orders\",outcome=\"searchable\"\\} \\d{4}")
          .containsPattern("denorm_wait_seconds_count\\{index=\"orders\",outcome=\"timeout\"\\} 1(\\.0)?\\n");

      // the status shows the connector's committed position the waits start from
      var status = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + other.httpPort().orElseThrow() + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(status.at("/capture/committedLsn").asText()).matches("[0-9A-F]+/[0-9A-F]+");

      // the instance that ran the orders sink stops: the other takes it over, and its barrier holds as well
      var survivor = other;
      var sinkHost = other == a ? b : a;
      sinkHost.close();
      running.remove(sinkHost);
      var afterStop = new ReadYourWrites(URI.create("http://127.0.0.1:" + survivor.httpPort().orElseThrow()), Optional.empty());
      try (var c = stack.endpoints().connect()) {
        Sql.exec(c, "UPDATE shop.orders SET status = 'AFTER-STOP' WHERE id = 4");
        var answer = await("the survivor runs the orders sink and answers").atMost(Duration.ofSeconds(90))
            .until(() -> afterStop.awaitCommitted(c, "orders", Duration.ofSeconds(10)), ReadYourWrites.Answer::searchable);
        assertThat(searchedStatus(engine, "4")).as(answer.body()).isEqualTo("AFTER-STOP");
      }

      // the stopped instance starts again on its own state and rejoins: a wait through it holds too
      var restarted = DenormApp.start(config, stack.endpoints(), Optional.of(sinkHost == a ? stateA : stateB));
      running.add(restarted);
      await("the restarted instance running").atMost(Duration.ofSeconds(90))
          .until(() -> restarted.state() == KafkaStreams.State.RUNNING);
      var afterRestart = new ReadYourWrites(URI.create("http://127.0.0.1:" + restarted.httpPort().orElseThrow()), Optional.empty());
      try (var c = stack.endpoints().connect()) {
        Sql.exec(c, "UPDATE shop.orders SET status = 'AFTER-RESTART' WHERE id = 5");
        var answer = await("the restarted instance answers").atMost(Duration.ofSeconds(90))
            .until(() -> afterRestart.awaitCommitted(c, "orders", Duration.ofSeconds(10)), ReadYourWrites.Answer::searchable);
        assertThat(searchedStatus(engine, "5")).as(answer.body()).isEqualTo("AFTER-RESTART");
      }
      } finally {
        for (var app : running) {
          app.close();
        }
      }
    } finally {
      TempDirs.delete(stateA);
      TempDirs.delete(stateB);
    }
  }

  private static void send(HttpClient http, String url) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isBetween(200, 299);
  }

  /** The order's status as a search finds it (what was refreshed). */
  private static String searchedStatus(RestClient engine, String id) throws Exception {
    var request = new Request("POST", "/orders/_search");
    request.setJsonEntity("{\"query\":{\"ids\":{\"values\":[\"" + id + "\"]}}}");
    var hits = JSON.readTree(engine.performRequest(request).getEntity().getContent()).at("/hits/hits");
    return hits.isEmpty() ? null : hits.get(0).at("/_source/status").asText();
  }

  /** The order's status as the engine holds it, refreshed or not (a real-time get). */
  private static String realtimeStatus(RestClient engine, String id) throws Exception {
    var response = engine.performRequest(new Request("GET", "/orders/_doc/" + id));
    return JSON.readTree(response.getEntity().getContent()).at("/_source/status").asText();
  }
}
