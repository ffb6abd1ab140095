package dev.denorm.sink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.sink.BulkEngineStub;
import dev.denorm.sink.convert.BulkAction;
import dev.denorm.sink.convert.DeleteAction;
import dev.denorm.sink.convert.IndexAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer's byte bound and its answer to actions and requests too large, against a stub engine. */
@Timeout(30)
class BulkWriterTest {

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private BulkEngineStub engine;
  private RestClient client;

  private static final class Recording implements BulkListener<String> {
    final List<String> written = new CopyOnWriteArrayList<>();
    final Map<String, ItemResult> rejected = new ConcurrentHashMap<>();
    final List<String> superseded = new CopyOnWriteArrayList<>();

    @Override
    public void onSuperseded(BulkAction older, String olderToken, String newerToken) {
      superseded.add(olderToken + " by " + newerToken);
    }

    @Override
    public void onWritten(BulkAction action, String token, boolean stale) {
      written.add(token);
    }

    @Override
    public void onRejected(BulkAction action, String token, ItemResult error) {
      rejected.put(token, error);
    }
  }

  private BulkWriter<String> writer(BulkEngineStub stub, long maxBytes, Recording listener) {
    engine = stub;
    client = RestClient.builder(HttpHost.create(stub.url())).build();
    return new BulkWriter<>("test", client, scheduler, new BulkWriterConfig(1000, maxBytes, HOUR, 1, 1, 10), listener,
        () -> 0L);
  }

  @AfterEach
  void stop() throws Exception {
    scheduler.shutdownNow();
    if (client != null) {
      client.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  /** An index action whose _bulk lines are {@code bytes} long (at least about 100). */
  private static IndexAction sized(String id, int bytes) {
    var probe = new IndexAction("products", id, 1, "{\"f\":\"\"}".getBytes(StandardCharsets.UTF_8), null);
    int padding = bytes - BulkBody.sizeOf(probe);
    var action = new IndexAction("products", id, 1,
        ("{\"f\":\"" + "x".repeat(padding) + "\"}").getBytes(StandardCharsets.UTF_8), null);
    assertThat(BulkBody.sizeOf(action)).isEqualTo(bytes);
    return action;
  }

  private static void add(BulkWriter<String> writer, BulkAction... actions) throws InterruptedException {
    for (BulkAction action : actions) {
      writer.add(action, action.id());
    }
  }

  @Test
  void shouldCountTheExactBytesOfEachActionInTheBody() {
    List<BulkAction> actions = List.of(
        new IndexAction("orders", "7", 42, "{\"name\":\"Thé ☕ 𝄞\"}".getBytes(StandardCharsets.UTF_8), "enrich"),
        new IndexAction("orders", "id with \"quotes\" and é", 1L << 40, "{}".getBytes(StandardCharsets.UTF_8), null),
        new DeleteAction("orders", "8", 43));
    for (BulkAction action : actions) {
      assertThat(BulkBody.sizeOf(action)).as(action.toString()).isEqualTo(BulkBody.of(List.of(action)).length);
    }
    assertThat(actions.stream().mapToInt(BulkBody::sizeOf).sum()).isEqualTo(BulkBody.of(actions).length);
  }

  @Test
  void shouldStartTheNextBatchWithAnActionThatWouldOverflowTheByteBound() throws Exception {
    var listener = new Recording();
    try (var writer = writer(new BulkEngineStub(), 350, listener)) {
      add(writer, sized("1", 150), sized("2", 150), sized("3", 150), sized("4", 150), sized("5", 100));
      writer.flush();

      assertThat(engine.acceptedBodies()).as("never over 350 bytes").containsExactly(300, 300, 100);
      assertThat(listener.written).containsExactly("1", "2", "3", "4", "5");
      assertThat(listener.rejected).isEmpty();
    }
  }

  @Test
  void shouldSayWhichActionANewerOneForTheSameDocumentReplacedBeforeItWasSent() throws Exception {
    var listener = new Recording();
    try (var writer = writer(new BulkEngineStub(), 10_000, listener)) {
      writer.add(sized("1", 150), "first");
      writer.add(sized("1", 150), "second");
      writer.flush();

      assertThat(listener.superseded).containsExactly("first by second");
      assertThat(listener.written).containsExactly("second");
    }
  }

  @Test
  void shouldSendABatchThatFillsTheByteBoundExactlyAtOnce() throws Exception {
    var listener = new Recording();
    try (var writer = writer(new BulkEngineStub(), 200, listener)) {
      add(writer, sized("1", 100), sized("2", 100));
      writer.flush();

      assertThat(engine.acceptedBodies()).containsExactly(200);
    }
  }

  @Test
  void shouldRejectAnActionLargerThanTheBoundBeforeSendingIt() throws Exception {
    var listener = new Recording();
    try (var writer = writer(new BulkEngineStub(), 250, listener)) {
      add(writer, sized("1", 100), sized("huge", 251), sized("3", 100));
      writer.flush();

      assertThat(engine.ids()).containsExactly("1", "3");
      assertThat(listener.written).containsExactly("1", "3");
      var rejection = listener.rejected.get("huge");
      assertThat(rejection.errorType()).isEqualTo(ItemResult.TOO_LARGE);
      assertThat(rejection.status()).isEqualTo(413);
      assertThat(rejection.outcome()).isEqualTo(Outcome.REJECT);
      assertThat(rejection.reason()).contains("251 bytes", "250");
      assertThat(writer.pending()).isZero();
    }
  }

  @Test
  void shouldRejectADocumentWhoseIdIsLongerThanTheEnginesTakeAndWriteTheRest() throws Exception {
    var listener = new Recording();
    String longId = "\u00e9".repeat(257); // 514 bytes of UTF-8, 257 characters
    try (var writer = writer(new BulkEngineStub(), 10_000, listener)) {
      add(writer, sized("1", 100), sized(longId, 1_000), sized("3", 100));
      writer.flush();

      assertThat(engine.ids()).containsExactly("1", "3");
      var rejection = listener.rejected.get(longId);
      assertThat(rejection.errorType()).isEqualTo(ItemResult.ID_TOO_LONG);
      assertThat(rejection.outcome()).isEqualTo(Outcome.REJECT);
      assertThat(rejection.reason()).contains("514 bytes", "512");
    }
  }

  @Test
  void shouldSplitARequestTheEngineRefusesWith413InHalvesUntilEachFits() throws Exception {
    var listener = new Recording();
    // The engine takes 200 bytes, and the writer does not know it: only the 413 tells.
    try (var writer = writer(new BulkEngineStub(200, false), 10_000, listener)) {
      add(writer, sized("1", 100), sized("2", 100), sized("3", 100), sized("4", 100), sized("5", 100));
      writer.flush();

      // 500 -> 413; 200 (1, 2) ok; 300 (3, 4, 5) -> 413; 100 (3) ok; 200 (4, 5) ok
      assertThat(engine.refused()).isEqualTo(2);
      assertThat(engine.acceptedBodies()).containsExactly(200, 100, 200);
      assertThat(engine.ids()).containsExactly("1", "2", "3", "4", "5");
      assertThat(listener.written).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
      assertThat(listener.rejected).isEmpty();
    }
  }

  @Test
  void shouldRejectAsTooLargeAnActionTheEngineRefusesAloneAndWriteItsBatchMates() throws Exception {
    var listener = new Recording();
    try (var writer = writer(new BulkEngineStub(200, false), 10_000, listener)) {
      add(writer, sized("1", 100), sized("huge", 300), sized("3", 100), sized("4", 100));
      writer.flush();

      assertThat(engine.ids()).containsExactlyInAnyOrder("1", "3", "4");
      assertThat(listener.written).containsExactlyInAnyOrder("1", "3", "4");
      assertThat(listener.rejected).containsOnlyKeys("huge");
      assertThat(listener.rejected.get("huge").errorType()).isEqualTo(ItemResult.TOO_LARGE);
      assertThat(listener.rejected.get("huge").reason()).contains("413", "300 bytes");
      assertThat(writer.pending()).isZero();
    }
  }

  @Test
  void shouldBoundRequestsByTheEngineLimitWhereItIsLower() {
    var config = new BulkWriterConfig(1000, 5_000_000, 100, 2, 10, 100, true);
    assertThat(config.capped(1_000_000).maxBytes()).isEqualTo(1_000_000);
    assertThat(config.capped(Long.MAX_VALUE)).isEqualTo(config);
  }
}
