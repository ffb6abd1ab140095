package dev.denorm.app;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.SafeKafkaStreamsMetrics;
import dev.denorm.state.BoundedRocksDbMemory;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What /metrics shows, through Micrometer's binders: every Kafka Streams metric of the instance
 * (its threads, tasks, and its consumers' and producers' metrics, the sink's
 * {@code denorm-sink-metrics} among them, as {@code kafka_*}) but those of single RocksDB stores
 * ({@link SafeKafkaStreamsMetrics}), the shared RocksDB memory ({@code denorm_rocksdb_*}), the
 * JVM's, and the sink's freshness histogram ({@code denorm_freshness_seconds}, registered by the
 * topology).
 */
final class Metrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final SafeKafkaStreamsMetrics streams;
  private final JvmGcMetrics gc;
  private final ScheduledExecutorService refresh;
  private boolean streamsStopped;
  /**
   * How often the binder looks for metrics that appeared since (a task's, after a rebalance):
   * Micrometer's default is a minute, so a scrape could miss a new task's sink for that long.
   */
  static final Duration REFRESH = Duration.ofSeconds(10);

  private Metrics(PrometheusMeterRegistry registry, SafeKafkaStreamsMetrics streams, JvmGcMetrics gc,
      ScheduledExecutorService refresh) {
    this.refresh = refresh;
    this.registry = registry;
    this.streams = streams;
    this.gc = gc;
  }

  static Metrics bind(PrometheusMeterRegistry registry, KafkaStreams kafkaStreams) {
    var refresh = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("denorm-metrics-refresh").factory());
    var streams = new SafeKafkaStreamsMetrics(kafkaStreams, refresh, REFRESH);
    streams.bindTo(registry);
    Gauge.builder("denorm.rocksdb.cache.used", BoundedRocksDbMemory::usedBytes).baseUnit("bytes")
        .description("RocksDB memory of all stores of the instance: the shared block cache, memtables charged to it")
        .register(registry);
    Gauge.builder("denorm.rocksdb.cache.pinned", BoundedRocksDbMemory::pinnedBytes).baseUnit("bytes")
        .description("The part of denorm.rocksdb.cache.used that cannot be evicted now").register(registry);
    Gauge.builder("denorm.rocksdb.cache.bound", BoundedRocksDbMemory::boundBytes).baseUnit("bytes")
        .description("The bound of the RocksDB memory (denorm.rocksdb.memory.bytes)").register(registry);
    var gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new Metrics(registry, streams, gc, refresh);
  }

  /**
   * Stops reading Kafka Streams' metrics: before Kafka Streams closes, so that no read meets a
   * client that is closing (the JVM's metrics stay until {@link #close}).
   */
  synchronized void stopStreams() {
    if (!streamsStopped) {
      streamsStopped = true;
      refresh.shutdownNow();
      try {
        // a pass that is reading the metrics' values ends before Kafka Streams starts to close
        refresh.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      streams.close();
    }
  }

  @Override
  public void close() {
    stopStreams();
    gc.close();
    registry.close();
  }
}
