package dev.denorm.app;

import dev.denorm.index.Indexes;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpSettings;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.Stack;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.verify.SearchDocuments;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * /metrics of a running instance, read as Prometheus reads it: the protobuf exposition, parsed
 * with the Prometheus client's own generated classes, and the text format.
 */
class MetricsIT {

  private static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
      + "encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeKafkaStreamsSinkAndJvmMetricsAndAFreshnessHistogramThatMovesWhenARowChanges() throws Exception {
    var config = AppConfig.from(Map.of(HttpSettings.PORT, "0", "commit.interval.ms", "500"));
    try (var stack = Stack.start(config, e -> {
          try (var c = e.connect()) {
            new ShopGenerator(10, 5).fill(c);
          }
        });
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var app = DenormApp.start(config, stack.endpoints(), Optional.of(stack.streamsStateDir()))) {
      OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(120));
      String url = "http://127.0.0.1:" + app.httpPort().orElseThrow() + "/metrics";

      var families = await().atMost(Duration.ofSeconds(30)).until(() -> scrape(url),
          f -> f.containsKey("denorm_freshness_seconds") && count(f, "products") > 0);
      var freshness = families.get("denorm_freshness_seconds");
      assertThat(freshness.getType()).isEqualTo(MetricType.HISTOGRAM);
      assertThat(freshness.getMetricList()).extracting(m -> label(m, "index"))
          .contains("products", "customers", "orders");
      assertThat(freshness.getMetric(0).getHistogram().getBucketCount()).as("buckets, for quantiles over instances")
          .isGreaterThan(10);
      assertThat(families).containsKeys("jvm_memory_used_bytes", "process_cpu_usage");
      assertThat(families.keySet()).as("Kafka Streams' own metrics").anyMatch(n -> n.startsWith("kafka_stream_thread_"));
      assertThat(families.get("denorm_rocksdb_cache_used_bytes").getMetric(0).getGauge().getValue())
          .as("the shared RocksDB cache holds the stores' memtables and blocks").isPositive();
      assertThat(families.get("denorm_rocksdb_cache_bound_bytes").getMetric(0).getGauge().getValue())
          .isEqualTo(256.0 * 1024 * 1024);
      assertThat(families.values()).as("no gauge that reads a single RocksDB store (SafeKafkaStreamsMetrics)")
          .noneMatch(f -> f.getMetricList().stream().anyMatch(m -> m.getLabelList().stream()
              .anyMatch(l -> l.getName().startsWith("rocksdb_"))));
      // metrics of tasks (the sink's among them) are picked up by the binder's refresh (Metrics.REFRESH)
      await("the sink's counters").atMost(Duration.ofSeconds(60)).until(() -> scrape(url).keySet().stream()
          .anyMatch(n -> n.startsWith("kafka_denorm_sink_") && n.contains("documents_indexed_total")));

      double before = count(families, "products");
      try (var c = stack.endpoints().connect()) {
        Sql.exec(c, "UPDATE shop.products SET name = name || ' (new)' WHERE id = 1");
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> count(scrape(url), "products") > before);

      var text = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(text.statusCode()).isEqualTo(200);
      assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(text.body()).contains("# TYPE denorm_freshness_seconds histogram")
          .contains("denorm_freshness_seconds_bucket{index=\"products\",le=");
    }
  }

  private Map<String, MetricFamily> scrape(String url) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", PROTOBUF).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.google.protobuf");
    var families = new HashMap<String, MetricFamily>();
    var in = new ByteArrayInputStream(response.body());
    MetricFamily family;
    while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
      families.put(family.getName(), family);
    }
    return families;
  }

  /** Writes of the index measured so far: the histogram's sample count. */
  private static double count(Map<String, MetricFamily> families, String index) {
    var family = families.get("denorm_freshness_seconds");
    if (family == null) {
      return 0;
    }
    return family.getMetricList().stream().filter(m -> index.equals(label(m, "index")))
        .mapToDouble(m -> m.getHistogram().getSampleCount()).sum();
  }

  private static String label(Metrics.Metric m,
      String name) {
    return m.getLabelList().stream().filter(l -> l.getName().equals(name)).map(l -> l.getValue()).findFirst().orElse("");
  }
}
