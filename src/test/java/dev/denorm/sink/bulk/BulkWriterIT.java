package dev.denorm.sink.bulk;

import java.util.concurrent.atomic.AtomicLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.document.ProductDocument;
import dev.denorm.sink.convert.BulkAction;
import dev.denorm.sink.convert.DocumentConverter;
import dev.denorm.sink.engine.EngineIndexManager;
import dev.denorm.testing.EmbeddedOpenSearch;
import dev.denorm.testing.FaultProxy;
import dev.denorm.testing.ReferenceDocuments;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bulk writer alone (HTTP only, no Kafka) against a real OpenSearch: batching and backpressure. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkWriterIT {

  private static final long HOUR = Duration.ofHours(1).toMillis();
  private EmbeddedOpenSearch engine;
  private RestClient client;
  private ScheduledExecutorService scheduler;
  private final AtomicInteger sequence = new AtomicInteger();

  @BeforeAll
  void start() {
    engine = EmbeddedOpenSearch.start();
    client = RestClient.builder(HttpHost.create(engine.url())).build();
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  void stop() throws Exception {
    scheduler.shutdownNow();
    client.close();
    engine.close();
  }

  private static final class Counting implements BulkListener<Integer> {
    final AtomicInteger written = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    @Override
    public void onWritten(BulkAction action, Integer token, boolean stale) {
      written.incrementAndGet();
    }

    @Override
    public void onRejected(BulkAction action, Integer token, ItemResult error) {
      throw new AssertionError("rejected " + action + ": " + error);
    }

    @Override
    public void onRequest(int actions, int bytes, long latencyNanos) {
      requests.incrementAndGet();
    }
  }

  private String newIndex() throws Exception {
    String alias = "writer-" + sequence.incrementAndGet();
    new EngineIndexManager(client, 1, 0).ensureIndex(alias, ProductDocument.getClassSchema());
    return alias;
  }

  private static BulkAction product(String index, long id) {
    return new DocumentConverter(index, null).convert(Long.toString(id), id,
        ReferenceDocuments.product(id, "Product " + id, "1.00"));
  }

  private long count(String index) throws Exception {
    client.performRequest(new Request("POST", "/" + index + "/_refresh"));
    return searchable(index);
  }

  @Test
  void shouldSendABatchAsSoonAsItIsFullByCountWithoutWaitingForTheLinger() throws Exception {
    String index = newIndex();
    var listener = new Counting();
    try (var writer = new BulkWriter<>("count", client, scheduler, new BulkWriterConfig(5, 10_000_000, HOUR, 2, 10, 100),
        listener)) {
      for (int id = 1; id <= 12; id++) {
        writer.add(product(index, id), id);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> listener.written.get() == 10);
      assertThat(writer.pending()).isEqualTo(2);
      assertThat(listener.requests.get()).isEqualTo(2);
    }
  }

  @Test
  void shouldSendABatchAsSoonAsItIsFullByBytes() throws Exception {
    String index = newIndex();
    var listener = new Counting();
    long threeActions = BulkBody.sizeOf(product(index, 1)) + BulkBody.sizeOf(product(index, 2))
        + BulkBody.sizeOf(product(index, 3));
    try (var writer = new BulkWriter<>("bytes", client, scheduler,
        new BulkWriterConfig(1000, threeActions, HOUR, 2, 10, 100), listener)) {
      for (int id = 1; id <= 4; id++) {
        writer.add(product(index, id), id);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> listener.written.get() >= 3);
      assertThat(writer.pending()).isEqualTo(1);
    }
  }

  @Test
  void shouldSendALoneActionAtOnceAfterAQuietTimeAndBatchTheNextOnesForTheLinger() throws Exception {
    String index = newIndex();
    var listener = new Counting();
    var clock = new AtomicLong();
    try (var writer = new BulkWriter<>("quiet", client, scheduler, new BulkWriterConfig(1000, 10_000_000, HOUR, 2, 10, 100),
        listener, clock::get)) {
      writer.add(product(index, 1), 1);
      assertThat(writer.pending()).as("made just now: not quiet, so it waits for the linger").isEqualTo(1);
      clock.addAndGet(Duration.ofMillis(HOUR).toNanos());
      writer.add(product(index, 2), 2);
      // quiet for a linger time: sent at once, with what was waiting
      await().atMost(Duration.ofSeconds(30)).until(() -> writer.pending() == 0);
      assertThat(listener.written.get()).isEqualTo(2);
      assertThat(listener.requests.get()).isEqualTo(1);
      writer.add(product(index, 3), 3);
      assertThat(writer.pending()).as("right after a send: batched for the linger").isEqualTo(1);
      clock.addAndGet(Duration.ofMillis(HOUR).toNanos());
      writer.add(product(index, 4), 4);
      await().atMost(Duration.ofSeconds(30)).until(() -> writer.pending() == 0);
      assertThat(listener.written.get()).isEqualTo(4);
      assertThat(listener.requests.get()).isEqualTo(2);
    }
  }

  /** An index the engine never refreshes by itself: only a request's refresh makes its writes searchable. */
  private String newIndexWithoutScheduledRefresh() throws Exception {
    String index = newIndex();
    var settings = new Request("PUT", "/" + index + "/_settings");
    settings.setJsonEntity("{\"index\":{\"refresh_interval\":\"-1\"}}");
    client.performRequest(settings);
    return index;
  }

  /** What a search sees now, without refreshing first. */
  private long searchable(String index) throws Exception {
    String body = EntityUtils.toString(client.performRequest(new Request("GET", "/" + index + "/_count")).getEntity());
    return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
  }

  @Test
  void shouldMakeALoneChangeSearchableWhenAcknowledgedButLeaveBatchesToTheIndexRefresh() throws Exception {
    String index = newIndexWithoutScheduledRefresh();
    var listener = new Counting();
    var clock = new AtomicLong();
    try (var writer = new BulkWriter<>("lone-refresh", client, scheduler,
        new BulkWriterConfig(1000, 10_000_000, HOUR, 2, 10, 100, true), listener, clock::get)) {
      clock.addAndGet(Duration.ofMillis(HOUR).toNanos());
      writer.add(product(index, 1), 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> writer.pending() == 0);
      assertThat(searchable(index)).as("the lone change's request refreshed the index").isEqualTo(1);

      writer.add(product(index, 2), 2);
      writer.add(product(index, 3), 3);
      writer.flush();
      assertThat(listener.written.get()).isEqualTo(3);
      assertThat(searchable(index)).as("a batch asks for no refresh: searchable at the index's next one").isEqualTo(1);
      assertThat(count(index)).isEqualTo(3);
    }
  }

  @Test
  void shouldAskForNoRefreshWhenLoneRefreshIsOff() throws Exception {
    String index = newIndexWithoutScheduledRefresh();
    var listener = new Counting();
    var clock = new AtomicLong();
    try (var writer = new BulkWriter<>("no-refresh", client, scheduler,
        new BulkWriterConfig(1000, 10_000_000, HOUR, 2, 10, 100, false), listener, clock::get)) {
      clock.addAndGet(Duration.ofMillis(HOUR).toNanos());
      writer.add(product(index, 1), 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> writer.pending() == 0);
      assertThat(listener.written.get()).isEqualTo(1);
      assertThat(searchable(index)).isZero();
      assertThat(count(index)).isEqualTo(1);
    }
  }

  @Test
  void shouldSendAPartBatchAfterTheLingerTime() throws Exception {
    String index = newIndex();
    var listener = new Counting();
    try (var writer = new BulkWriter<>("linger", client, scheduler, new BulkWriterConfig(1000, 10_000_000, 50, 2, 10, 100),
        listener)) {
      writer.add(product(index, 1), 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> listener.written.get() == 1);
      assertThat(count(index)).isEqualTo(1);
    }
  }

  @Test
  void shouldBlockAddWhileEveryRequestIsInFlightAndTheNextBatchIsFullThenCatchUp() throws Exception {
    String index = newIndex();
    var listener = new Counting();
    try (var proxy = new FaultProxy(engine.url());
         var proxied = RestClient.builder(HttpHost.create(proxy.url())).build();
         var writer = new BulkWriter<>("backpressure", proxied, scheduler,
             new BulkWriterConfig(2, 10_000_000, HOUR, 1, 10, 100), listener)) {
      proxy.failWith(503);
      var added = new AtomicInteger();
      var producer = new Thread(() -> {
        try {
          for (int id = 1; id <= 6; id++) {
            writer.add(product(index, id), id);
            added.incrementAndGet();
          }
          writer.flush();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      producer.start();
      // One request in flight (retrying) and one full batch waiting: the third batch cannot be added.
      await().atMost(Duration.ofSeconds(30)).until(() -> added.get() == 3 && producer.getState() == Thread.State.TIMED_WAITING);
      assertThat(writer.inFlightRequests()).isEqualTo(1);
      assertThat(writer.pending()).isEqualTo(4);
      assertThat(proxy.failedRequests()).isPositive();

      proxy.recover();
      producer.join(Duration.ofSeconds(30).toMillis());
      assertThat(producer.isAlive()).isFalse();
      assertThat(added.get()).isEqualTo(6);
      assertThat(listener.written.get()).isEqualTo(6);
      assertThat(count(index)).isEqualTo(6);
    }
  }
}
