package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** Secrets in the configuration: refused in URLs, masked in JDBC URLs. */
class SecretSettingsTest {

  private static final String SECRET = "s3cret-canary";

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
}
