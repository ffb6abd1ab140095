package dev.denorm.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpAccess;
import dev.denorm.config.TopologySettings;
import dev.denorm.testing.TestCertificates;
import dev.denorm.testing.TlsProxy;
import dev.denorm.testkit.TempDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The schema registry's REST client with basic auth and TLS, against a stub registry behind TLS
 * that answers only requests with the right credentials (and, in one case, a client certificate).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRegistryAccessTest {

  private static final Schema ROW = SchemaBuilder.record("Row").namespace("shop").fields().requiredLong("id").endRecord();
  private Path dir;
  private TestCertificates certificates;

  @BeforeAll
  void makeCertificates() {
    dir = TempDirs.create("denorm-registry-");
    certificates = TestCertificates.create(dir, "registry");
  }

  @AfterAll
  void deleteCertificates() {
    TempDirs.delete(dir);
  }

  private TlsProxy registry(boolean needClientCertificate) {
    String basic = "Basic " + Base64.getEncoder().encodeToString("reader:r3ad".getBytes(StandardCharsets.UTF_8));
    return TlsProxy.answering(certificates.serverContext(), needClientCertificate, TlsProxy.authorization(basic),
        request -> request.uri().getPath().equals("/apis/ccompat/v7/schemas/ids/1")
            ? TlsProxy.Answer.json(new ObjectMapper().createObjectNode().put("schema", ROW.toString()).toString())
            : new TlsProxy.Answer(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
  }

  private HttpAccess access(String url, String... keysAndValues) {
    var values = new HashMap<String, String>();
    values.put(TopologySettings.REGISTRY_URL, url);
    values.put("denorm.source.registry.tls.truststore.path", certificates.caPem().toString());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return AppConfig.from(values).topology().registryAccess();
  }

  @Test
  void shouldFetchASchemaWithBasicAuthOverTls() {
    try (var registry = registry(false)) {
      String url = registry.url() + "/apis/ccompat/v7";
      var client = SchemaRegistry.at(url, access(url, TopologySettings.REGISTRY_USERNAME, "reader",
          TopologySettings.REGISTRY_PASSWORD, "r3ad"));

      assertThat(client.schema(1)).isEqualTo(ROW);
      assertThat(registry.problems()).isEmpty();
    }
  }

  @Test
  void shouldPresentTheClientCertificateWhenTheRegistryAsksForOne() {
    try (var registry = registry(true)) {
      String url = registry.url() + "/apis/ccompat/v7";
      var client = SchemaRegistry.at(url, access(url, TopologySettings.REGISTRY_USERNAME, "reader",
          TopologySettings.REGISTRY_PASSWORD, "r3ad", "denorm.source.registry.tls.keystore.path",
          certificates.clientStore("PKCS12").toString(), "denorm.source.registry.tls.keystore.password",
          TestCertificates.PASSWORD));

      assertThat(client.schema(1)).isEqualTo(ROW);
      assertThat(registry.received()).allSatisfy(r -> assertThat(r.clientCertificates()).isNotEmpty());
    }
  }

  @Test
  void shouldStopAtOnceNamingTheKeysWhenTheRegistryRefusesTheCredentials() {
    try (var registry = registry(false)) {
      String url = registry.url() + "/apis/ccompat/v7";
      var client = SchemaRegistry.at(url, access(url, TopologySettings.REGISTRY_USERNAME, "reader",
          TopologySettings.REGISTRY_PASSWORD, "wrong"));

      assertThatThrownBy(() -> client.schema(1)).isInstanceOf(SchemaRegistry.RegistryUnavailableException.class)
          .hasMessageContaining("HTTP 401").hasMessageContaining(TopologySettings.REGISTRY_USERNAME)
          .hasMessageNotContaining("wrong");
      // refused credentials are not retried: one request
      assertThat(registry.received()).hasSize(1);
    }
  }
}
