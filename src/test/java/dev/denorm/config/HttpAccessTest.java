package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Basic auth and TLS for the schema registry and Kafka Connect, as AppConfig parses them. */
class HttpAccessTest {

  private static AppConfig config(String... keysAndValues) {
    var values = new HashMap<String, String>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return AppConfig.from(values);
  }

  @Test
  void shouldReachBothWithoutCredentialsByDefault() {
    var config = config();
    for (var access : new HttpAccess[] {config.topology().registryAccess(), config.stack().connectAccess()}) {
      assertThat(access.authenticates()).isFalse();
      assertThat(access.authorization()).isEmpty();
      assertThat(access.tls().configured()).isFalse();
    }
  }

  @Test
  void shouldSendBasicAuthToTheRegistryAndToConnect() {
    var config = config(TopologySettings.REGISTRY_URL, "https://registry.example:8081",
        TopologySettings.REGISTRY_USERNAME, "reader", TopologySettings.REGISTRY_PASSWORD, "r3ad",
        StackSettings.CONNECT_URL, "https://connect.example:8083",
        StackSettings.CONNECT_USERNAME, "watcher", StackSettings.CONNECT_PASSWORD, "w4tch");

    assertThat(config.topology().registryAccess().authorization()).contains("Basic "
        + Base64.getEncoder().encodeToString("reader:r3ad".getBytes(StandardCharsets.UTF_8)));
    assertThat(config.stack().connectAccess().authorization()).contains("Basic "
        + Base64.getEncoder().encodeToString("watcher:w4tch".getBytes(StandardCharsets.UTF_8)));
    assertThat(config.toString() + config.stack() + config.topology()).doesNotContain("r3ad").doesNotContain("w4tch");
  }

  @Test
  void shouldRefuseCredentialsOnHttpUnlessAllowed() {
    assertThatThrownBy(() -> config(TopologySettings.REGISTRY_URL, "http://registry.example:8081",
        TopologySettings.REGISTRY_USERNAME, "reader", TopologySettings.REGISTRY_PASSWORD, "r3ad"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(TopologySettings.REGISTRY_URL)
        .hasMessageContaining("denorm.source.registry.allow.insecure.credentials").hasMessageNotContaining("r3ad");
    assertThatThrownBy(() -> config(StackSettings.CONNECT_URL, "http://connect.example:8083",
        StackSettings.CONNECT_USERNAME, "watcher"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(StackSettings.CONNECT_URL)
        .hasMessageContaining("denorm.stack.connect.allow.insecure.credentials");

    var allowed = config(StackSettings.CONNECT_URL, "http://connect.example:8083", StackSettings.CONNECT_USERNAME,
        "watcher", "denorm.stack.connect.allow.insecure.credentials", "true");
    assertThat(allowed.stack().connectAccess().authenticates()).isTrue();
  }

  @Test
  void shouldRefuseCredentialsWithoutAUrlOrAPasswordWithoutAUser() {
    assertThatThrownBy(() -> config(TopologySettings.REGISTRY_USERNAME, "reader"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(TopologySettings.REGISTRY_URL);
    assertThatThrownBy(() -> config(StackSettings.CONNECT_USERNAME, "watcher"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(StackSettings.CONNECT_URL);
    assertThatThrownBy(() -> config(StackSettings.CONNECT_URL, "https://connect.example:8083",
        StackSettings.CONNECT_PASSWORD, "w4tch"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(StackSettings.CONNECT_USERNAME)
        .hasMessageNotContaining("w4tch");
  }

  @Test
  void shouldReadTheirTrustStoresAtStart() {
    assertThatThrownBy(() -> config(TopologySettings.REGISTRY_URL, "https://registry.example:8081",
        "denorm.source.registry.tls.truststore.path", "/no/such/registry-ca.pem"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.source.registry.tls.truststore.path");
    assertThatThrownBy(() -> config(StackSettings.CONNECT_URL, "https://connect.example:8083",
        "denorm.stack.connect.tls.keystore.path", "/no/such/client.p12"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.stack.connect.tls.keystore.path");
  }
}
