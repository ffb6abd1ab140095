package dev.denorm.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class BoundedBytesTest {

  private static Properties streams(String... keysAndValues) {
    var properties = new Properties();
    properties.put("application.id", "denorm");
    properties.put("bootstrap.servers", "127.0.0.1:9092");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void shouldTakeTheProducersMaxRequestSizeAsKafkaStreamsGivesItToTheProducer() {
    assertThat(BoundedBytes.maxRequestSize(streams())).as("Kafka's default").isEqualTo(1024 * 1024);
    assertThat(BoundedBytes.maxRequestSize(streams("max.request.size", "50000"))).isEqualTo(50_000);
    assertThat(BoundedBytes.maxRequestSize(streams("max.request.size", "50000", "producer.max.request.size", "30000")))
        .isEqualTo(30_000);
  }

  @Test
  void shouldRefuseAValueThatLeavesNoRoomForTheRestOfTheRecord() {
    var serializer = BoundedBytes.serde(streams("producer.max.request.size", "10000")).serializer();
    assertThat(serializer.serialize("documents.orders", new byte[10_000 - BoundedBytes.ROOM])).hasSize(8976);
    assertThat(serializer.serialize("documents.orders", null)).isNull();
    assertThatThrownBy(() -> serializer.serialize("documents.orders", new byte[10_000 - BoundedBytes.ROOM + 1]))
        .isInstanceOf(RecordTooLargeException.class)
        .hasMessageContaining("8977 bytes").hasMessageContaining("max.request.size of 10000");
  }
}
