package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void shouldApplyDefaultsWhenNothingIsSet() {
    var config = AppConfig.from(Map.of());

    assertThat(config.topology().changeTopic("orders")).isEqualTo("pg.shop.orders");
    assertThat(config.topology().documentTopic("orders")).isEqualTo("documents.orders");
    assertThat(config.topology().emitInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.topology().partitions()).isZero();
    assertThat(config.streamsProperties())
        .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true")
        .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "denorm.dead-letter");
  }

  @Test
  void shouldPassKafkaStreamsKeysThroughUnchanged() {
    var config = AppConfig.from(Map.of("num.stream.threads", "4", "application.id", "shop-search",
        "denorm.source.topic.prefix", "prod"));

    assertThat(config.streamsProperties()).containsEntry("num.stream.threads", "4").containsEntry("application.id", "shop-search");
    assertThat(config.topology().changeTopic("customers")).isEqualTo("prod.shop.customers");
  }

  @Test
  void shouldFailNamingTheKeyWhenAValueIsBad() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("denorm.emit.interval.ms", "5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.emit.interval.ms");
    assertThatThrownBy(() -> AppConfig.from(Map.of("denorm.emit.interval.ms", "soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.emit.interval.ms");
    assertThatThrownBy(() -> AppConfig.from(Map.of("num.stream.threads", "many")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("num.stream.threads");
  }

  @Test
  void shouldRefuseASnapshotHoldBoundBelowTheHold() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("denorm.snapshot.hold.ms", "5000", "denorm.snapshot.hold.max.ms", "2000")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.snapshot.hold.max.ms")
        .hasMessageContaining("at least denorm.snapshot.hold.ms (5000)");
    assertThat(AppConfig.from(Map.of()).topology().snapshotHoldMax()).hasSeconds(30);
  }

  @Test
  void shouldRejectUnknownDenormKeys() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("denorm.sorce.topic.prefix", "x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.sorce.topic.prefix").hasMessageContaining("unknown");
  }
}
