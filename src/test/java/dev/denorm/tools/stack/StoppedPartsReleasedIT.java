package dev.denorm.tools.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.yammer.metrics.core.Gauge;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped broker and a stopped Connect worker leave nothing in the JVM that holds them: the test
 * suite, and a tool that starts the stack twice, start many in one JVM. (Found in a CI run whose
 * heap held 26 stopped brokers, through the Yammer gauges, and 22 Connect workers, through their
 * shutdown hooks: 550 MB live by the last ITs, and the embedded search engine's memory breaker
 * answered 429.)
 */
class StoppedPartsReleasedIT {

  @TempDir Path dir;

  @Test
  void shouldReleaseAStoppedBrokerAndConnectWorker() {
    var gauges = new ArrayList<WeakReference<Object>>();
    WeakReference<Object> worker = startAndStop(gauges);

    assertThat(gauges).as("gauges the broker registered (each holds the broker)").isNotEmpty();
    await("the stopped broker's gauges are collected").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> collected(gauges));
    await("the stopped Connect worker is collected").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> collected(List.of(worker)));
  }

  private static boolean collected(List<WeakReference<Object>> references) {
    System.gc();
    return references.stream().allMatch(r -> r.get() == null);
  }

  /** Starts a broker and a worker, keeps weak references to the broker's gauges and the worker, stops both. */
  private WeakReference<Object> startAndStop(List<WeakReference<Object>> gauges) {
    Set<Object> before = Set.copyOf(KafkaYammerMetrics.defaultRegistry().allMetrics().values());
    WeakReference<Object> worker;
    try (var kafka = LocalKafka.start(0, 0, dir.resolve("kafka"));
        var connect = LocalConnect.start(kafka.bootstrapServers(), 0)) {
      worker = new WeakReference<>(connect.worker());
      KafkaYammerMetrics.defaultRegistry().allMetrics().values().stream()
          .filter(metric -> metric instanceof Gauge<?> && !before.contains(metric))
          .forEach(gauge -> gauges.add(new WeakReference<>(gauge)));
    }
    return worker;
  }
}
