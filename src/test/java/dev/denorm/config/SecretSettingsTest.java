package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in the configuration: from Kafka's config providers, refused in URLs, masked in JDBC URLs. */
class SecretSettingsTest {

  private static final String SECRET = "s3cret-canary";

  @TempDir Path dir;

  private Map<String, String> withFileProvider(Map<String, String> values) {
    var all = new HashMap<>(values);
    all.put("config.providers", "file");
    // a password goes with a user, and credentials only over https
    all.putIfAbsent("denorm.sink.username", "elastic");
    all.putIfAbsent(SinkSettings.HOSTS, "https://127.0.0.1:9200");
    all.put("config.providers.file.class", FileConfigProvider.class.getName());
    return all;
  }

  @Test
  void shouldResolveConfigProviderReferencesInDenormKeys() throws Exception {
    var secrets = Files.writeString(dir.resolve("secrets.properties"), "es_password=" + SECRET + "\npg=pg-" + SECRET + "\n");
    var config = AppConfig.from(withFileProvider(Map.of(
        SinkSettings.PASSWORD, "${file:" + secrets + ":es_password}",
        StackSettings.POSTGRES_PASSWORD, "${file:" + secrets + ":pg}",
        "sasl.jaas.config", "${file:" + secrets + ":es_password}")));

    assertThat(config.sink().access().password().value()).isEqualTo(SECRET);
    assertThat(config.stack().postgresPassword().value()).isEqualTo("pg-" + SECRET);
    // Kafka's clients resolve their own keys; the providers are passed on to them
    assertThat(config.streamsProperties()).containsEntry("config.providers", "file");
    assertThat(config.with(Map.of()).sink().access().password().value()).isEqualTo(SECRET);
  }

  @Test
  void shouldRefuseAReferenceThatWasNotResolvedNamingTheKeyButNoSecret() throws Exception {
    var secrets = Files.writeString(dir.resolve("secrets.properties"), "es_password=" + SECRET + "\n");
    String missingKey = "${file:" + secrets + ":no_such_key}";
    assertThatThrownBy(() -> AppConfig.from(withFileProvider(Map.of(SinkSettings.PASSWORD, missingKey))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(SinkSettings.PASSWORD)
        .hasMessageContaining(missingKey)
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> AppConfig.from(Map.of(SinkSettings.PASSWORD, "${vault:secret/es:password}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'vault'")
        .hasMessageContaining("config.providers");
  }

  @Test
  void shouldApplyKafkasRestrictionOfAutomaticConfigProvidersToDenormKeys() throws Exception {
    var secrets = Files.writeString(dir.resolve("secrets.properties"), "es_password=" + SECRET + "\n");
    String before = System.getProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY);
    System.setProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY, "none");
    try {
      assertThatThrownBy(() -> AppConfig.from(withFileProvider(Map.of(SinkSettings.PASSWORD,
          "${file:" + secrets + ":es_password}"))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY);
      System.setProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY, FileConfigProvider.class.getName());
      assertThat(AppConfig.from(withFileProvider(Map.of(SinkSettings.PASSWORD, "${file:" + secrets + ":es_password}")))
          .sink().access().password().value()).isEqualTo(SECRET);
    } finally {
      if (before == null) {
        System.clearProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY);
      } else {
        System.setProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY, before);
      }
    }
  }

  @Test
  void shouldRefuseUserInfoInEveryUrlSettingWithoutShowingIt() {
    var urls = Map.of(
        SinkSettings.HOSTS, "http://es:9200,https://elastic:" + SECRET + "@es2:9200",
        StackSettings.POSTGRES_URL, "jdbc:postgresql://app:" + SECRET + "@db:5432/shop",
        StackSettings.CONNECT_URL, "http://admin:" + SECRET + "@connect:8083",
        TopologySettings.REGISTRY_URL, "http://" + SECRET + "@registry:8081");
    urls.forEach((key, url) -> assertThatThrownBy(() -> AppConfig.from(Map.of(key, url)))
        .as(key)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("user info")
        .hasMessageNotContaining(SECRET));
  }

  @Test
  void shouldNotShowAJdbcPasswordInTheMessageOfAnotherMistake() {
    assertThatThrownBy(() -> AppConfig.from(Map.of(StackSettings.POSTGRES_URL, "postgresql://db/shop?password=" + SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> AppConfig.from(Map.of(SinkSettings.HOSTS, "es:9200?token=" + SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void shouldMaskTheJdbcPasswordWhereverTheUrlIsPrinted() {
    String url = "jdbc:postgresql://db:5432/shop?user=app&password=" + SECRET;
    var config = AppConfig.from(Map.of(StackSettings.POSTGRES_URL, url, StackSettings.POSTGRES_PASSWORD, SECRET));
    assertThat(config.stack().postgresUrl()).contains(url);
    assertThat(config.stack().toString()).contains("password=***").doesNotContain(SECRET);

    var endpoints = new Endpoints(url, "app", new Password(SECRET), "kafka:9092", "http://connect:8083",
        "http://es:9200", "");
    assertThat(endpoints.describe()).contains("jdbc:postgresql://db:5432/shop?user=app&password=***")
        .doesNotContain(SECRET);
    assertThat(endpoints.psql()).isEqualTo("psql postgresql://app@db:5432/shop?user=app&password=***");
    assertThat(endpoints.toString()).doesNotContain(SECRET);
  }

  @Test
  void shouldKnowDenormKafkaStreamsAndClientKeys() {
    assertThat(AppConfig.defines(SinkSettings.PASSWORD)).isTrue();
    assertThat(AppConfig.defines("denorm.sink.password.file")).isFalse();
    assertThat(AppConfig.defines("num.stream.threads")).isTrue();
    assertThat(AppConfig.defines("ssl.key.password")).isTrue();
    assertThat(AppConfig.defines("producer.ssl.key.password")).isTrue();
    assertThat(AppConfig.defines("main.consumer.sasl.jaas.config")).isTrue();
    assertThat(AppConfig.defines("sasl.oauthbearer.assertion.file")).isTrue();
    assertThat(AppConfig.defines("sasl.oauthbearer.assertion")).isFalse();
  }
}
