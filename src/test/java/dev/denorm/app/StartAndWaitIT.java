package dev.denorm.app;

import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.config.SinkSettings;
import dev.denorm.tools.stack.Stack;
import dev.denorm.testing.FaultProxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * An instance started while the search engine is unavailable waits for it, trying again with a
 * message each time, and starts working once it answers: it never exits on a timeout at start.
 */
class StartAndWaitIT {

  @Test
  void shouldWaitForAnUnavailableSearchEngineAtStartAndRunOnceItAnswers() throws Exception {
    var config = AppConfig.from(Map.of("commit.interval.ms", "200", "denorm.http.port", "0"));
    try (var stack = Stack.start(config, endpoints -> { });
        var proxy = new FaultProxy(stack.endpoints().searchUrl())) {
      proxy.failWith(503);
      var throughProxy = config.with(Map.of(SinkSettings.HOSTS, proxy.url()));
      var starting = CompletableFuture.supplyAsync(() -> {
        try {
          return DenormApp.start(throughProxy, stack.endpoints(), Optional.of(stack.streamsStateDir()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> proxy.failedRequests() >= 3 || starting.isDone());
        assertThat(starting).as("still waiting, not exited").isNotDone();

        proxy.recover();
        var app = starting.get(60, TimeUnit.SECONDS);
        try (app) {
          await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
        }
      } finally {
        proxy.recover();
        if (!starting.isDone()) {
          starting.cancel(true);
        }
      }
    }
  }
}
