package dev.denorm.app;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs once, at INFO, when Kafka Streams first reaches RUNNING and how long after the JVM started:
 * what a start costs, e.g. with and without an AOT cache ({@code docs/operations.md}). Later
 * rebalances, which pass through RUNNING again, are not logged.
 */
final class FirstRunning implements KafkaStreams.StateListener {

  private static final Logger LOG = LoggerFactory.getLogger(FirstRunning.class);
  private final LongSupplier uptimeMillis;
  private final AtomicBoolean reported = new AtomicBoolean();

  FirstRunning() {
    this(() -> ManagementFactory.getRuntimeMXBean().getUptime());
  }

  /** @param uptimeMillis milliseconds since the JVM started */
  FirstRunning(LongSupplier uptimeMillis) {
    this.uptimeMillis = uptimeMillis;
  }

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    line(newState).ifPresent(LOG::info);
  }

  /** The line for a transition to {@code newState}: only the first RUNNING has one. */
  Optional<String> line(KafkaStreams.State newState) {
    if (newState != KafkaStreams.State.RUNNING || !reported.compareAndSet(false, true)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "Kafka Streams is RUNNING, %.1f s after the JVM started",
        uptimeMillis.getAsLong() / 1000.0));
  }
}
