package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

  @Test
  void shouldParseHostsSecretsAndPipelines() {
    var sink = AppConfig.from(Map.of(
        SinkSettings.HOSTS, "https://a.example:9200,http://b.example:9200",
        SinkSettings.USERNAME, "writer",
        SinkSettings.PASSWORD, "s3cret",
        SinkSettings.PIPELINES, "orders:orders-enrich, products:clean")).sink();

    assertThat(sink.hosts()).containsExactly("https://a.example:9200", "http://b.example:9200");
    assertThat(sink.password().value()).isEqualTo("s3cret");
    assertThat(sink.pipeline("orders")).contains("orders-enrich");
    assertThat(sink.pipeline("products")).contains("clean");
    assertThat(sink.pipeline("customers")).isEmpty();
  }

  @Test
  void shouldNeverShowSecretsWhenPrinted() {
    var sink = AppConfig.from(Map.of(SinkSettings.PASSWORD, "s3cret", SinkSettings.API_KEY, "a2V5OnNlY3JldA==")).sink();
    assertThat(sink.toString()).doesNotContain("s3cret").doesNotContain("a2V5OnNlY3JldA==").contains("[hidden]");
  }

  @Test
  void shouldRejectAHostThatIsNotAnHttpUrlNamingTheKey() {
    assertThatThrownBy(() -> AppConfig.from(Map.of(SinkSettings.HOSTS, "es.example:9200")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.HOSTS);
  }

  @Test
  void shouldRejectAPipelineWithoutIndex() {
    assertThatThrownBy(() -> AppConfig.from(Map.of(SinkSettings.PIPELINES, "orders-enrich")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("index:pipeline");
  }

  @Test
  void shouldDefaultToTheMeasuredBatching() {
    var sink = AppConfig.from(Map.of()).sink();
    assertThat(sink.deadLetterTopic()).isEqualTo("denorm.sink.dead-letter");
    assertThat(sink.batchMaxActions()).isPositive();
    assertThat(sink.maxInFlightRequests()).isPositive();
  }
}
