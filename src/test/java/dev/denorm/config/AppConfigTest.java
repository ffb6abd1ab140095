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
    assertThat(config.topology().partitions()).isEqualTo(4);
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

  @Test
  void shouldNameTheKeyOfEveryPartWithoutAnEndpoint() {
    assertThat(AppConfig.from(Map.of()).partsWithoutEndpoint()).containsExactly(
        Map.entry("PostgreSQL", "denorm.stack.postgres.url"), Map.entry("Kafka", "bootstrap.servers"),
        Map.entry("Kafka Connect", "denorm.stack.connect.url"), Map.entry("the search engine", "denorm.sink.hosts"));
    assertThat(AppConfig.from(Map.of("bootstrap.servers", "kafka:9092", "denorm.source.format", "avro"))
        .partsWithoutEndpoint()).containsOnlyKeys("PostgreSQL", "Kafka Connect", "the search engine", "the schema registry")
        .containsEntry("the schema registry", "denorm.source.registry.url");
  }

  @Test
  void shouldGiveTheConfiguredEndpointsWhenEveryPartIsExternal() {
    var config = AppConfig.from(Map.of("denorm.stack.postgres.url", "jdbc:postgresql://db:5432/shop",
        "bootstrap.servers", "kafka:9092", "denorm.stack.connect.url", "http://connect:8083",
        "denorm.sink.hosts", "http://es:9200,http://es2:9200"));

    assertThat(config.partsWithoutEndpoint()).isEmpty();
    assertThat(config.externalEndpoints()).isEqualTo(new Endpoints("jdbc:postgresql://db:5432/shop", "postgres",
        config.stack().postgresPassword(), "kafka:9092", "http://connect:8083", "http://es:9200", ""));
    assertThatThrownBy(() -> AppConfig.from(Map.of()).externalEndpoints()).isInstanceOf(IllegalStateException.class);
  }
}
