package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

  @Test
  void shouldParseHostsSecretsAndPipelines() {
    var sink = AppConfig.from(Map.of(
        SinkSettings.HOSTS, "https://a.example:9200,https://b.example:9200",
        SinkSettings.USERNAME, "writer",
        SinkSettings.PASSWORD, "s3cret",
        SinkSettings.PIPELINES, "orders:orders-enrich, products:clean")).sink();

    assertThat(sink.hosts()).containsExactly("https://a.example:9200", "https://b.example:9200");
    assertThat(sink.access().authentication()).isEqualTo(EngineAccess.Authentication.BASIC);
    assertThat(sink.access().password().value()).isEqualTo("s3cret");
    assertThat(sink.pipeline("orders")).contains("orders-enrich");
    assertThat(sink.pipeline("products")).contains("clean");
    assertThat(sink.pipeline("customers")).isEmpty();
  }

  @Test
  void shouldNeverShowSecretsWhenPrinted() {
    var https = "https://engine.example:9200";
    for (var secret : Map.of(SinkSettings.PASSWORD, "s3cret", SinkSettings.API_KEY, "a2V5OnNlY3JldA==",
        SinkSettings.BEARER_TOKEN, "eyJ0b2tlbiI6NDJ9", SinkSettings.TRUSTSTORE_PASSWORD, "st0re-pass").entrySet()) {
      var values = new HashMap<>(Map.of(SinkSettings.HOSTS, https, secret.getKey(), secret.getValue()));
      if (secret.getKey().equals(SinkSettings.PASSWORD)) {
        values.put(SinkSettings.USERNAME, "writer");
      }
      var config = AppConfig.from(values);
      assertThat(config.sink().toString()).doesNotContain(secret.getValue()).contains("[hidden]");
      assertThat(config.toString()).doesNotContain(secret.getValue());
    }
  }

  @Test
  void shouldTakeOneWayToAuthenticate() {
    var https = "https://engine.example:9200";
    assertThat(sink(SinkSettings.HOSTS, https, SinkSettings.API_KEY, "a2V5OnNlY3JldA==").access().authentication())
        .isEqualTo(EngineAccess.Authentication.API_KEY);
    assertThat(sink(SinkSettings.HOSTS, https, SinkSettings.BEARER_TOKEN, "t0ken").access().authentication())
        .isEqualTo(EngineAccess.Authentication.BEARER_TOKEN);
    assertThat(sink(SinkSettings.HOSTS, https, SinkSettings.SIGV4_ENABLED, "true").access().authentication())
        .isEqualTo(EngineAccess.Authentication.AWS_SIGV4);
    assertThat(sink().access().authentication()).isEqualTo(EngineAccess.Authentication.NONE);

    assertThatThrownBy(() -> sink(SinkSettings.HOSTS, https, SinkSettings.USERNAME, "writer",
        SinkSettings.API_KEY, "a2V5OnNlY3JldA=="))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.USERNAME)
        .hasMessageContaining(SinkSettings.API_KEY).hasMessageNotContaining("a2V5OnNlY3JldA==");
    assertThatThrownBy(() -> sink(SinkSettings.HOSTS, https, SinkSettings.BEARER_TOKEN, "t0ken",
        SinkSettings.SIGV4_ENABLED, "true"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.BEARER_TOKEN)
        .hasMessageContaining(SinkSettings.SIGV4_ENABLED);
    assertThatThrownBy(() -> sink(SinkSettings.HOSTS, https, SinkSettings.PASSWORD, "s3cret"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.USERNAME)
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldRefuseCredentialsOnAnHttpHostUnlessAllowed() {
    for (var credential : Map.of(SinkSettings.USERNAME, "writer", SinkSettings.API_KEY, "a2V5OnNlY3JldA==",
        SinkSettings.BEARER_TOKEN, "t0ken", SinkSettings.SIGV4_ENABLED, "true").entrySet()) {
      assertThatThrownBy(() -> sink(SinkSettings.HOSTS, "https://a.example:9200,http://b.example:9200",
          credential.getKey(), credential.getValue()))
          .as(credential.getKey()).isInstanceOf(ConfigException.class)
          .hasMessageContaining("http://b.example:9200").hasMessageContaining(credential.getKey())
          .hasMessageContaining(SinkSettings.ALLOW_INSECURE_CREDENTIALS);
      assertThat(sink(SinkSettings.HOSTS, "http://b.example:9200", credential.getKey(), credential.getValue(),
          SinkSettings.ALLOW_INSECURE_CREDENTIALS, "true").hosts()).containsExactly("http://b.example:9200");
    }
    // the default host is http://127.0.0.1:9200: credentials need a host of their own
    assertThatThrownBy(() -> sink(SinkSettings.USERNAME, "writer")).isInstanceOf(ConfigException.class)
        .hasMessageContaining(SinkSettings.HOSTS);
  }

  @Test
  void shouldRefuseOpenSearchServerlessSayingWhy() {
    assertThatThrownBy(() -> sink(SinkSettings.HOSTS, "https://abc.us-east-1.aoss.amazonaws.com",
        SinkSettings.SIGV4_ENABLED, "true", SinkSettings.SIGV4_SERVICE, "aoss"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.SIGV4_SERVICE)
        .hasMessageContaining("external versions").hasMessageContaining("docs/configuration.md");
    assertThatThrownBy(() -> sink(SinkSettings.HOSTS, "https://search.example", SinkSettings.SIGV4_ENABLED, "true",
        SinkSettings.SIGV4_SERVICE, "s3")).isInstanceOf(ConfigException.class)
        .hasMessageContaining(SinkSettings.SIGV4_SERVICE);
  }

  @Test
  void shouldTakeTheSigV4RegionOrLeaveItToTheSdksChain() {
    var https = "https://search-shop.eu-west-1.es.amazonaws.com";
    assertThat(sink(SinkSettings.HOSTS, https, SinkSettings.SIGV4_ENABLED, "true", SinkSettings.SIGV4_REGION,
        " eu-west-1 ").access().awsSigV4()).contains(new EngineAccess.AwsSigV4(Optional.of("eu-west-1"), "es"));
    assertThat(sink(SinkSettings.HOSTS, https, SinkSettings.SIGV4_ENABLED, "true").access().awsSigV4())
        .contains(new EngineAccess.AwsSigV4(Optional.empty(), "es"));
    assertThat(sink(SinkSettings.HOSTS, https, SinkSettings.SIGV4_REGION, "eu-west-1").access().awsSigV4()).isEmpty();
  }

  @Test
  void shouldRefuseATokenThatCannotBeSentInAHeaderWithoutShowingIt() {
    assertThatThrownBy(() -> sink(SinkSettings.HOSTS, "https://a.example", SinkSettings.BEARER_TOKEN, "two words"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.BEARER_TOKEN)
        .hasMessageNotContaining("two words");
    assertThatThrownBy(() -> sink(SinkSettings.HOSTS, "https://a.example", SinkSettings.API_KEY, "kéy"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.API_KEY).hasMessageNotContaining("kéy");
  }

  @Test
  void shouldRefuseBothTheCaCertificateAndATrustStore() {
    assertThatThrownBy(() -> sink(SinkSettings.CA_CERTIFICATE, "/etc/ca.pem", SinkSettings.TRUSTSTORE_PATH,
        "/etc/ca.p12")).isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.CA_CERTIFICATE)
        .hasMessageContaining(SinkSettings.TRUSTSTORE_PATH);
  }

  @Test
  void shouldFailNamingTheKeyWhenTheCaCertificateCannotBeRead() {
    assertThatThrownBy(() -> sink(SinkSettings.CA_CERTIFICATE, "/no/such/ca.pem"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.CA_CERTIFICATE)
        .hasMessageContaining("/no/such/ca.pem").hasMessageContaining("cannot be read");
  }

  private static SinkSettings sink(String... keysAndValues) {
    var values = new HashMap<String, String>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return AppConfig.from(values).sink();
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
