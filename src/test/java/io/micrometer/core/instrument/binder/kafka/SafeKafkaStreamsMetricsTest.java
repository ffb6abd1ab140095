package io.micrometer.core.instrument.binder.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class SafeKafkaStreamsMetricsTest {

  @Test
  void shouldLeaveOutTheGaugesOfSingleRocksDbStoresAndKeepTheRest() {
    var metrics = new LinkedHashMap<MetricName, Metric>();
    var thread = name("process-rate", "stream-thread-metrics", Map.of("thread-id", "t1"));
    var sink = name("documents-indexed-total", "denorm-sink-metrics", Map.of("index", "orders"));
    var store = name("size-all-mem-tables", "stream-state-metrics",
        Map.of("thread-id", "t1", "task-id", "0_0", "rocksdb-state-id", "orders-root"));
    var windowStore = name("block-cache-usage", "stream-state-metrics",
        Map.of("thread-id", "t1", "task-id", "0_0", "rocksdb-window-state-id", "w"));
    for (var name : new MetricName[] {thread, sink, store, windowStore}) {
      metrics.put(name, new Unread(name));
    }

    assertThat(SafeKafkaStreamsMetrics.withoutStoreGauges(metrics)).containsOnlyKeys(thread, sink);
  }

  private static MetricName name(String name, String group, Map<String, String> tags) {
    return new MetricName(name, group, "", tags);
  }

  /** A metric whose value must not be read: the filter goes by names only. */
  private record Unread(MetricName metricName) implements Metric {
    @Override
    public Object metricValue() {
      throw new AssertionError("read the value of " + metricName);
    }
  }
}
