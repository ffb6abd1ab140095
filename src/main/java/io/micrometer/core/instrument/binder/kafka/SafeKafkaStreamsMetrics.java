package io.micrometer.core.instrument.binder.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Micrometer's Kafka Streams binder without the metrics of single RocksDB stores. Those are gauges
 * that call into the store's native database, and Kafka Streams does not keep them from running
 * while the store closes (a rebalance, a stop): KAFKA-10025, apache/kafka#22717. Micrometer reads
 * the value of every metric each time the set of metrics changes, which is exactly when stores
 * close, and such a read of a freed database aborted a JVM here ({@code pthread lock: Invalid
 * argument}). denorm's RocksDB memory is one shared cache, shown by {@code denorm_rocksdb_*}.
 *
 * <p>In Micrometer's package because the binder's constructor that takes a metrics supplier is
 * package-private; {@link KafkaStreamsMetrics} itself always reads {@link KafkaStreams#metrics()}.
 */
public final class SafeKafkaStreamsMetrics extends KafkaMetrics {

  public SafeKafkaStreamsMetrics(KafkaStreams streams, ScheduledExecutorService scheduler, Duration refreshInterval) {
    super(() -> withoutStoreGauges(streams.metrics()), List.of(), scheduler, refreshInterval);
  }

  /** The metrics but those of single RocksDB stores (tagged {@code rocksdb-state-id} and the like). */
  public static Map<MetricName, ? extends Metric> withoutStoreGauges(Map<MetricName, ? extends Metric> metrics) {
    return metrics.entrySet().stream().filter(e -> !ofRocksDbStore(e.getKey()))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  static boolean ofRocksDbStore(MetricName name) {
    return name.tags().keySet().stream().anyMatch(tag -> tag.startsWith("rocksdb-"));
  }
}
