package dev.denorm.sink.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.SinkSettings;
import dev.denorm.sink.BulkEngineStub;
import dev.denorm.sink.bulk.BulkListener;
import dev.denorm.sink.bulk.ItemResult;
import dev.denorm.sink.convert.BulkAction;
import dev.denorm.sink.convert.IndexAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The session reads the engine's http.max_content_length at start, and its writers keep their requests below it. */
@Timeout(30)
class EngineRequestLimitTest {

  private static final class Rejections implements BulkListener<String> {
    final Map<String, ItemResult> rejected = new ConcurrentHashMap<>();

    @Override
    public void onWritten(BulkAction action, String token, boolean stale) {}

    @Override
    public void onRejected(BulkAction action, String token, ItemResult error) {
      rejected.put(token, error);
    }
  }

  private static IndexAction action(String id, int sourceBytes) {
    return new IndexAction("products", id, 1, ("\"" + "x".repeat(sourceBytes - 2) + "\"").getBytes(StandardCharsets.UTF_8),
        null);
  }

  @Test
  void shouldBoundRequestsByTheSmallestLimitOfTheEngineNodes() throws Exception {
    // nodes a (2 000 bytes) and b (4 000); the batch bound is 5 MB
    try (var stub = new BulkEngineStub(2_000, true);
         var session = new EngineSession(SinkSettings.of(Map.of(SinkSettings.HOSTS, stub.url())))) {
      session.prepare(List.of());
      var listener = new Rejections();
      try (var writer = session.<String>newWriter("limited", listener)) {
        writer.add(action("1", 900), "1");
        writer.add(action("2", 900), "2");
        writer.add(action("3", 900), "3");
        writer.add(action("huge", 2_000), "huge");
        writer.flush();
      }
      assertThat(stub.refused()).isZero();
      assertThat(stub.acceptedBodies()).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(2_000));
      // one request per action under this limit; the writer may have several in flight, so their order is free
      assertThat(stub.ids()).containsExactlyInAnyOrder("1", "2", "3");
      assertThat(listener.rejected).containsOnlyKeys("huge");
      assertThat(listener.rejected.get("huge").errorType()).isEqualTo(ItemResult.TOO_LARGE);
    }
  }

  @Test
  void shouldFallBackToTheBatchBoundWhenTheEngineDoesNotSayItsLimit() throws Exception {
    try (var stub = new BulkEngineStub(2_000, false);
         var session = new EngineSession(SinkSettings.of(Map.of(SinkSettings.HOSTS, stub.url())))) {
      session.prepare(List.of());
      var listener = new Rejections();
      try (var writer = session.<String>newWriter("unlimited", listener)) {
        writer.add(action("1", 900), "1");
        writer.add(action("2", 900), "2");
        writer.add(action("3", 900), "3");
        writer.flush();
      }
      assertThat(stub.refused()).as("one request of all three, refused and split").isPositive();
      assertThat(stub.ids()).containsExactlyInAnyOrder("1", "2", "3");
      assertThat(listener.rejected).isEmpty();
    }
  }
}
