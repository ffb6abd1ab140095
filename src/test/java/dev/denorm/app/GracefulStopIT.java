package dev.denorm.app;

import dev.denorm.index.Indexes;
import dev.denorm.config.HttpSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.sink.SinkMetricsReader;
import dev.denorm.testing.ShopStack;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.testkit.TempDirs;
import dev.denorm.verify.SearchDocuments;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one group; the first is stopped as SIGTERM stops it ({@link DenormApp#close}):
 * its sinks flush, it commits and leaves the group, so the second takes every task over at once
 * (not after the 45 s session timeout) and has nothing of the first's to redo.
 */
class GracefulStopIT {

  @Test
  void shouldCommitAndLeaveTheGroupOnStopSoThatTheOtherInstanceTakesOverAtOnceWithNothingToRedo() throws Exception {
    // the default commit interval (5 s): what the stopping instance processed last is committed by the stop
    // two instances in this JVM: each its own free port for /metrics
    var config = AppConfig.from(Map.of(HttpSettings.PORT, "0"));
    var stateA = TempDirs.create("denorm-graceful-a-");
    var stateB = TempDirs.create("denorm-graceful-b-");
    try (var stack = ShopStack.start(config, 20);
        var search = new SearchDocuments(stack.endpoints().searchUrl())) {
      var first = DenormApp.start(config, stack.endpoints(), Optional.of(stateA));
      boolean firstStopped = false;
      try (var second = DenormApp.start(config, stack.endpoints(), Optional.of(stateB))) {
        try {
          await().atMost(Duration.ofSeconds(90)).until(() -> activeTasks(first) > 0 && activeTasks(second) > 0
              && first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING);
          OracleWait.until(second, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(120));
          // fresh work on both, committed by neither yet
          try (var c = stack.endpoints().connect()) {
            Sql.exec(c, "UPDATE shop.products SET name = name || ' (renamed)'");
            Sql.exec(c, "UPDATE shop.orders SET status = 'SHIPPED'");
          }
          OracleWait.until(second, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(60));
          int tasks = activeTasks(first) + activeTasks(second);
          double staleBefore = SinkMetricsReader.sum(second.streams(), "documents-stale-total");

          long stop = System.nanoTime();
          first.close();
          firstStopped = true;
          assertThat(Duration.ofNanos(System.nanoTime() - stop)).isLessThan(DenormApp.CLOSE_TIMEOUT);
          await("the second instance owns every task").atMost(Duration.ofSeconds(20))
              .until(() -> activeTasks(second) == tasks && second.state() == KafkaStreams.State.RUNNING);
          OracleWait.until(second, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(30));
          assertThat(SinkMetricsReader.sum(second.streams(), "documents-stale-total"))
              .as("document records the first instance had written but not committed, written again").isEqualTo(staleBefore);
        } finally {
          if (!firstStopped) {
            first.close();
          }
        }
      }
    } finally {
      TempDirs.delete(stateA);
      TempDirs.delete(stateB);
    }
  }

  private static int activeTasks(DenormApp app) {
    return app.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
  }
}
