package dev.denorm.app;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.List;
import java.time.Duration;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What /metrics shows, through Micrometer's binders: every Kafka Streams metric of the instance
 * (its threads, tasks, stores, and its consumers' and producers' metrics, the sink's
 * {@code denorm-sink-metrics} among them, as {@code kafka_*}), the JVM's, and the sink's
 * freshness histogram ({@code denorm_freshness_seconds}, registered by the topology).
 */
final class Metrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics streams;
  private final JvmGcMetrics gc;
  private final ScheduledExecutorService refresh;
  /**
   * How often the binder looks for metrics that appeared since (a task's, after a rebalance):
   * Micrometer's default is a minute, so a scrape could miss a new task's sink for that long.
   */
  static final Duration REFRESH = Duration.ofSeconds(10);

  private Metrics(PrometheusMeterRegistry registry, KafkaStreamsMetrics streams, JvmGcMetrics gc,
      ScheduledExecutorService refresh) {
    this.refresh = refresh;
    this.registry = registry;
    this.streams = streams;
    this.gc = gc;
  }

  static Metrics bind(PrometheusMeterRegistry registry, KafkaStreams kafkaStreams) {
    var refresh = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("denorm-metrics-refresh").factory());
    var streams = new KafkaStreamsMetrics(kafkaStreams, List.of(), refresh, REFRESH);
    streams.bindTo(registry);
    var gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new Metrics(registry, streams, gc, refresh);
  }

  @Override
  public void close() {
    streams.close();
    refresh.shutdownNow();
    gc.close();
    registry.close();
  }
}
