package dev.denorm.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The freshness histogram over the window, from the registry's cumulative histogram, with p50 and p99. */
class FreshnessWindowTest {

  /** Built as the sink builds its freshness timer. */
  private static Timer freshness(PrometheusMeterRegistry registry) {
    return Timer.builder("denorm.freshness").tag("index", "orders").publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
  }

  @Test
  void shouldCountOnlyWhatWasRecordedInsideTheWindow() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var timer = freshness(registry);
    var window = new FreshnessWindow(60_000);
    for (int i = 0; i < 100; i++) {
      timer.record(30, TimeUnit.SECONDS); // long ago: the backfill
    }
    window.add(0, "orders", FreshnessWindow.Cumulative.of(timer));
    window.add(50_000, "orders", FreshnessWindow.Cumulative.of(timer));
    for (int i = 0; i < 99; i++) {
      timer.record(200, TimeUnit.MILLISECONDS);
    }
    timer.record(5, TimeUnit.SECONDS);
    window.add(100_000, "orders", FreshnessWindow.Cumulative.of(timer)); // drops the sample at 0 s

    var f = window.window("orders");
    assertThat(f.count()).isEqualTo(100);
    assertThat(f.p50Seconds()).isBetween(0.15, 0.25);
    assertThat(f.p99Seconds()).isBetween(0.15, 0.25);
    assertThat(f.buckets()).extracting(StatusReport.Bucket::count).contains(99L, 1L);
    assertThat(f.buckets().stream().mapToLong(StatusReport.Bucket::count).sum()).isEqualTo(100);
    assertThat(window.coveredMs(100_000)).isEqualTo(50_000);
    registry.close();
  }

  @Test
  void shouldBeEmptyWithoutWritesOrWithASingleSample() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var timer = freshness(registry);
    var window = new FreshnessWindow(60_000);
    window.add(0, "orders", FreshnessWindow.Cumulative.of(timer));
    assertThat(window.window("orders")).isEqualTo(StatusReport.Freshness.EMPTY);
    window.add(2_000, "orders", FreshnessWindow.Cumulative.of(timer));
    assertThat(window.window("orders").count()).isZero();
    assertThat(window.window("customers")).isEqualTo(StatusReport.Freshness.EMPTY);
    registry.close();
  }

  @Test
  void shouldInterpolateAQuantileWithinItsBucketAsPrometheusDoes() {
    double[] bounds = {1, 2, 4};
    double[] cumulative = {10, 30, 40};
    assertThat(FreshnessWindow.quantile(0.5, bounds, cumulative, 40)).isCloseTo(1.5, within(1e-9));
    assertThat(FreshnessWindow.quantile(0.125, bounds, cumulative, 40)).isCloseTo(0.5, within(1e-9));
    assertThat(FreshnessWindow.quantile(0.99, bounds, cumulative, 50)).as("beyond the last bucket").isEqualTo(4);
  }
}
