package dev.denorm.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.SinkSettings;
import dev.denorm.config.StreamsDefaults;
import dev.denorm.config.TopologySettings;
import dev.denorm.document.CustomerDocument;
import dev.denorm.document.OrderDocument;
import dev.denorm.document.ProductDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;

class SinkTopologyTest {

  private static final Path GOLDEN = Path.of("topology-docs", "sink-topology.txt");

  private static String describe(AtomicInteger engineRequests) {
    var builder = new StreamsBuilder();
    var indexes = List.of(TestIndex.of("products", ProductDocument.class),
        TestIndex.of("customers", CustomerDocument.class), TestIndex.of("orders", OrderDocument.class));
    SinkTopology.addTo(builder, TopologySettings.defaults(), SinkSettings.defaults("http://127.0.0.1:9200"), indexes,
        () -> {
          engineRequests.incrementAndGet();
          throw new AssertionError("no engine while building");
        });
    return builder.build(StreamsDefaults.properties()).describe().toString();
  }

  @Test
  void shouldAddOneNamedSubTopologyPerIndexWithoutAnEngine() {
    var engineRequests = new AtomicInteger();
    String description = describe(engineRequests);

    assertThat(engineRequests).hasValue(0);
    assertThat(description)
        .contains("Source: sink-orders-source (topics: [documents.orders])")
        .contains("Processor: sink-orders (stores: [sink-orders-commit-check])")
        .contains("Processor: sink-orders-commit-tick (stores: [sink-orders-commit-tick])")
        .contains("Sub-topology: 2");
  }

  @Test
  void shouldMatchTheGoldenDescription() throws Exception {
    String description = describe(new AtomicInteger());
    if (Boolean.getBoolean("updateGolden") || !Files.exists(GOLDEN)) {
      Files.writeString(GOLDEN, description);
    }
    assertThat(description).isEqualTo(Files.readString(GOLDEN));
  }
}
