package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void shouldMapEnvironmentNamesToKeys() {
    assertThat(ConfigLoader.keyOf("DENORM_STACK_DATA_DIR")).contains("denorm.stack.data.dir");
    assertThat(ConfigLoader.keyOf("DENORM_STREAMS_BOOTSTRAP_SERVERS")).contains("bootstrap.servers");
    assertThat(ConfigLoader.keyOf("DENORM_STREAMS_NUM_STREAM_THREADS")).contains("num.stream.threads");
    assertThat(ConfigLoader.keyOf("DENORM_STREAMS_A__B___C")).contains("a_b-c");
    assertThat(ConfigLoader.keyOf("PATH")).isEmpty();
  }

  @Test
  void shouldLetEnvironmentOverrideFileAndSetOverrideEnvironment() throws Exception {
    var file = Files.writeString(dir.resolve("denorm.properties"),
        "application.id=from-file\nnum.stream.threads=2\ndenorm.demo.customers=5\n");
    var config = ConfigLoader.load(Optional.of(file),
        Map.of("DENORM_STREAMS_APPLICATION_ID", "from-env", "DENORM_DEMO_CUSTOMERS", "7"),
        Map.of("denorm.demo.customers", "9"));
    assertThat(config.streamsProperties()).containsEntry("application.id", "from-env")
        .containsEntry("num.stream.threads", "2");
    assertThat(config.stack().demoCustomers()).isEqualTo(9);
  }

  @Test
  void shouldNameTheKeyOfABadValue() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("DENORM_STACK_POSTGRES_PORT", "70000"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.stack.postgres.port");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("denorm.stack.connect.url", "connect:8083")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.stack.connect.url");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("DENORM_STACK_PORTT", "1"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("denorm.stack.portt");
  }

  @Test
  void shouldNameAMissingFile() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("nope.properties")), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties");
  }

  @Test
  void shouldEmbedKafkaOnlyWithoutBootstrapServersAndNeverShowThePassword() {
    var embedded = ConfigLoader.load(Optional.empty(), Map.of(), Map.of("denorm.stack.postgres.password", "s3cret"));
    assertThat(embedded.stack().allEmbedded()).isTrue();
    assertThat(embedded.stack().toString()).doesNotContain("s3cret");
    var external = ConfigLoader.load(Optional.empty(), Map.of("DENORM_STREAMS_BOOTSTRAP_SERVERS", "kafka:9092"), Map.of());
    assertThat(external.stack().kafkaExternal()).isTrue();
    var search = ConfigLoader.load(Optional.empty(), Map.of("DENORM_SINK_HOSTS", "http://es:9200"), Map.of());
    assertThat(search.stack().searchUrl()).contains("http://es:9200");
    assertThat(embedded.stack().searchUrl()).isEmpty();
  }

  @Test
  void shouldSetAKeyToTheContentOfTheFileAFileVariableNames() throws Exception {
    var password = Files.writeString(dir.resolve("es-password"), "s3cret\n");
    var jaas = Files.writeString(dir.resolve("jaas"), "PlainLoginModule required password=\"k\";\r\n");
    var keyPassword = Files.writeString(dir.resolve("key-password"), "two lines\n\n");
    var values = ConfigLoader.values(Optional.empty(), Map.of("DENORM_SINK_PASSWORD_FILE", password.toString(),
        "DENORM_STREAMS_SASL_JAAS_CONFIG_FILE", jaas.toString(),
        "DENORM_STREAMS_PRODUCER_SSL_KEY_PASSWORD_FILE", keyPassword.toString()), Map.of());
    assertThat(values).containsEntry("denorm.sink.password", "s3cret")
        .containsEntry("sasl.jaas.config", "PlainLoginModule required password=\"k\";")
        .containsEntry("producer.ssl.key.password", "two lines\n")
        .doesNotContainKeys("denorm.sink.password.file", "sasl.jaas.config.file");
    assertThat(ConfigLoader.load(Optional.empty(), Map.of("DENORM_SINK_PASSWORD_FILE", password.toString()),
        Map.of("denorm.sink.username", "elastic", "denorm.sink.hosts", "https://127.0.0.1:9200"))
        .sink().access().password().value()).isEqualTo("s3cret");
  }

  @Test
  void shouldKeepThePlainMappingOfAKeyThatEndsInFile() {
    assertThat(ConfigLoader.fileKeyOf("DENORM_STREAMS_SASL_OAUTHBEARER_ASSERTION_FILE")).isEmpty();
    assertThat(ConfigLoader.values(Optional.empty(), Map.of("DENORM_STREAMS_SASL_OAUTHBEARER_ASSERTION_FILE", "/run/a.jwt"),
        Map.of())).containsEntry("sasl.oauthbearer.assertion.file", "/run/a.jwt");
    assertThat(ConfigLoader.fileKeyOf("DENORM_STREAMS_SSL_KEY_PASSWORD_FILE")).contains("ssl.key.password");
    assertThat(ConfigLoader.fileKeyOf("DENORM_STACK_POSTGRES_PASSWORD_FILE")).contains("denorm.stack.postgres.password");
    assertThat(ConfigLoader.fileKeyOf("DENORM_STREAMS_A__FILE")).isEmpty();
    assertThat(ConfigLoader.fileKeyOf("DENORM_FILE")).isEmpty();
    assertThat(ConfigLoader.fileKeyOf("DENORM_STREAMS_FILE")).isEmpty();
  }

  @Test
  void shouldNameTheVariableAndThePathButNotTheContentWhenAFileCannotBeRead() throws Exception {
    var missing = dir.resolve("missing");
    assertThatThrownBy(() -> ConfigLoader.values(Optional.empty(), Map.of("DENORM_SINK_API_KEY_FILE", missing.toString()),
        Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DENORM_SINK_API_KEY_FILE")
        .hasMessageContaining(missing.toString());
    var notUtf8 = Files.write(dir.resolve("binary"), new byte[] {'s', (byte) 0xff, 'x'});
    assertThatThrownBy(() -> ConfigLoader.values(Optional.empty(), Map.of("DENORM_SINK_API_KEY_FILE", notUtf8.toString()),
        Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DENORM_SINK_API_KEY_FILE")
        .hasMessageNotContaining("sx");
  }

  @Test
  void shouldRefuseAKeySetByBothItsVariableAndItsFileVariable() throws Exception {
    var password = Files.writeString(dir.resolve("pw"), "from-file");
    assertThatThrownBy(() -> ConfigLoader.values(Optional.empty(), Map.of("DENORM_SINK_PASSWORD", "plain",
        "DENORM_SINK_PASSWORD_FILE", password.toString()), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DENORM_SINK_PASSWORD and DENORM_SINK_PASSWORD_FILE")
        .hasMessageNotContaining("plain")
        .hasMessageNotContaining("from-file");
  }

  @Test
  void shouldLetSetOverrideAFileVariable() throws Exception {
    var password = Files.writeString(dir.resolve("pw"), "from-file");
    assertThat(ConfigLoader.values(Optional.empty(), Map.of("DENORM_SINK_PASSWORD_FILE", password.toString()),
        Map.of("denorm.sink.password", "from-set"))).containsEntry("denorm.sink.password", "from-set");
  }

  @Test
  void shouldFailAtLoadNamingTheKeyWhenAnIndexClassCannotBeLoaded() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(),
        Map.of("denorm.indexes", "dev.denorm.index.order.NoSuchIndex")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("denorm.indexes")
        .hasMessageContaining("dev.denorm.index.order.NoSuchIndex");
  }
}
