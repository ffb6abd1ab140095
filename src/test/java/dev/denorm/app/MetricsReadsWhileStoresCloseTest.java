package dev.denorm.app;

import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.index.order.OrderIndex;
import dev.denorm.testkit.IndexTestDriver;
import io.micrometer.core.instrument.binder.kafka.SafeKafkaStreamsMetrics;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What /metrics reads while stores close (a rebalance, a stop): reading Kafka Streams' gauges of a
 * single RocksDB store at that moment reads a freed database (KAFKA-10025) and aborts the JVM
 * ({@code pthread lock: Invalid argument}, or SIGSEGV in {@code DBImpl::GetAggregatedIntProperty}):
 * without {@link SafeKafkaStreamsMetrics}'s filter the test's JVM died in 2 of 5 runs (and a
 * standalone loop of 100 rounds in 3 of 4). It fails by killing the JVM, which fails the build;
 * it cannot prove the absence of a race, only catch its return most of the time.
 */
class MetricsReadsWhileStoresCloseTest {

  private static final int ROUNDS = 50;
  private static final int READERS = 3;

  @Test
  void shouldReadEveryMetricTheBinderShowsWhileTheStoresCloseWithoutTouchingAClosedStore() throws Exception {
    var reads = new AtomicLong();
    for (int round = 0; round < ROUNDS; round++) {
      var shop = new IndexTestDriver(new OrderIndex());
      shop.insert("products", product(1)).insert("customers", customer(1)).emit();
      var stop = new AtomicBoolean();
      var readers = new ArrayList<Thread>();
      for (int r = 0; r < READERS; r++) {
        readers.add(Thread.ofPlatform().start(() -> {
          while (!stop.get()) {
            SafeKafkaStreamsMetrics.withoutStoreGauges(shop.driver().metrics()).forEach((name, metric) -> {
              metric.metricValue();
              reads.incrementAndGet();
            });
          }
        }));
      }
      shop.close(); // closes every RocksDB store while the readers read
      stop.set(true);
      for (var reader : readers) {
        reader.join();
      }
    }
    assertThat(reads.get()).as("metrics read while the stores closed").isPositive();
  }
}
