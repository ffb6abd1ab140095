package dev.denorm.sink.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.config.SinkSettings;
import dev.denorm.testing.SigV4Check;
import dev.denorm.testing.TestCertificates;
import dev.denorm.testing.TlsProxy;
import dev.denorm.testkit.TempDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.config.ConfigException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The engine-client factory, one option at a time, against a stub engine behind TLS that checks
 * what each request brings: the Authorization header of each way to authenticate, the trust store
 * in each format, the client certificate, a SigV4 signature verified independently, and the
 * refusal of credentials on http://.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineClientsTest {

  private Path dir;
  private TestCertificates certificates;
  private TestCertificates otherCa;

  @BeforeAll
  void makeCertificates() {
    dir = TempDirs.create("denorm-engine-clients-");
    certificates = TestCertificates.create(dir, "engine");
    otherCa = TestCertificates.create(dir, "other");
  }

  @AfterAll
  void deleteCertificates() {
    TempDirs.delete(dir);
  }

  private static SinkSettings settings(String... keysAndValues) {
    var values = new HashMap<String, String>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return SinkSettings.of(values);
  }

  private TlsProxy engine(TlsProxy.Check check) {
    return engine(check, false);
  }

  private TlsProxy engine(TlsProxy.Check check, boolean needClientCertificate) {
    return TlsProxy.answering(certificates.serverContext(), needClientCertificate, check,
        request -> TlsProxy.Answer.json("{\"cluster_name\":\"stub\"}"));
  }

  private static String get(RestClient client) throws IOException {
    try (client) {
      return new String(client.performRequest(new Request("GET", "/")).getEntity().getContent().readAllBytes(),
          StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldSendBasicAuthPreemptively() throws Exception {
    String expected = "Basic " + Base64.getEncoder().encodeToString("writer:s3cret".getBytes(StandardCharsets.UTF_8));
    try (var engine = engine(TlsProxy.authorization(expected))) {
      var sink = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.USERNAME, "writer",
          SinkSettings.PASSWORD, "s3cret", SinkSettings.TRUSTSTORE_PATH, certificates.caPem().toString());

      assertThat(get(EngineClients.restClient(sink))).contains("stub");
      // the first request already carries it: no 401 and retry
      assertThat(engine.problems()).isEmpty();
      assertThat(engine.accepted()).isEqualTo(1);
    }
  }

  @Test
  void shouldSendTheApiKeyAndTheBearerToken() throws Exception {
    try (var engine = engine(TlsProxy.authorization("ApiKey a2V5OnNlY3JldA=="))) {
      var sink = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.API_KEY, "a2V5OnNlY3JldA==",
          SinkSettings.CA_CERTIFICATE, certificates.caPem().toString());
      assertThat(get(EngineClients.restClient(sink))).contains("stub");
    }
    try (var engine = engine(TlsProxy.authorization("Bearer eyJhbGciOi.token_42"))) {
      var sink = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.BEARER_TOKEN, "eyJhbGciOi.token_42",
          SinkSettings.CA_CERTIFICATE, certificates.caPem().toString());
      assertThat(get(EngineClients.restClient(sink))).contains("stub");
    }
  }

  @Test
  void shouldSendNoAuthorizationWithoutCredentials() throws Exception {
    try (var engine = engine(request -> request.header("authorization").map(v -> "unexpected Authorization"))) {
      var sink = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.TRUSTSTORE_PATH, certificates.caPem().toString());
      assertThat(get(EngineClients.restClient(sink))).contains("stub");
    }
  }

  @Test
  void shouldTrustTheCaOfAPemJksOrPkcs12TrustStoreAndNoOther() throws Exception {
    try (var engine = engine(TlsProxy.anything())) {
      for (var store : List.of(
          List.of(certificates.caPem().toString(), "PEM"),
          List.of(certificates.caStore("JKS").toString(), "JKS"),
          List.of(certificates.caStore("PKCS12").toString(), "PKCS12"),
          List.of(certificates.caStore("PKCS12").toString(), ""))) {
        var sink = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.TRUSTSTORE_PATH, store.get(0),
            SinkSettings.TRUSTSTORE_TYPE, store.get(1), SinkSettings.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD);
        assertThat(get(EngineClients.restClient(sink))).as(store.toString()).contains("stub");
      }
      var otherTrust = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.TRUSTSTORE_PATH, otherCa.caPem().toString());
      assertThatThrownBy(() -> get(EngineClients.restClient(otherTrust))).isInstanceOf(SSLException.class);
      var jvmTrust = settings(SinkSettings.HOSTS, engine.url());
      assertThatThrownBy(() -> get(EngineClients.restClient(jvmTrust))).isInstanceOf(SSLException.class);
    }
  }

  @Test
  void shouldPresentTheClientCertificateOfAPemPkcs12OrJksKeyStore() throws Exception {
    try (var engine = engine(TlsProxy.clientCertificateNamed(TestCertificates.CLIENT_NAME), true)) {
      for (var store : List.of(certificates.clientPem(), certificates.clientEncryptedPem(),
          certificates.clientStore("PKCS12"), certificates.clientStore("JKS"))) {
        var sink = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.CA_CERTIFICATE, certificates.caPem().toString(),
            SinkSettings.KEYSTORE_PATH, store.toString(), SinkSettings.KEYSTORE_PASSWORD, TestCertificates.PASSWORD);
        assertThat(get(EngineClients.restClient(sink))).as(store.toString()).contains("stub");
      }
      var withoutCertificate = settings(SinkSettings.HOSTS, engine.url(),
          SinkSettings.CA_CERTIFICATE, certificates.caPem().toString());
      assertThatThrownBy(() -> get(EngineClients.restClient(withoutCertificate))).isInstanceOf(IOException.class);
      var otherCertificate = settings(SinkSettings.HOSTS, engine.url(),
          SinkSettings.CA_CERTIFICATE, certificates.caPem().toString(), SinkSettings.KEYSTORE_PATH,
          otherCa.clientPem().toString());
      assertThatThrownBy(() -> get(EngineClients.restClient(otherCertificate))).isInstanceOf(IOException.class);
      assertThat(engine.accepted()).isEqualTo(4);
    }
  }

  @Test
  void shouldRefuseCredentialsForAnHttpHostUnlessAllowed() throws IOException {
    var sink = settings(SinkSettings.HOSTS, "https://engine.example:9200", SinkSettings.USERNAME, "writer",
        SinkSettings.PASSWORD, "s3cret");

    assertThatThrownBy(() -> EngineClients.restClient(sink, List.of("http://127.0.0.1:9200")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http://127.0.0.1:9200")
        .hasMessageContaining(SinkSettings.ALLOW_INSECURE_CREDENTIALS).hasMessageNotContaining("s3cret");
    var allowed = settings(SinkSettings.HOSTS, "https://engine.example:9200", SinkSettings.USERNAME, "writer",
        SinkSettings.PASSWORD, "s3cret", SinkSettings.ALLOW_INSECURE_CREDENTIALS, "true");
    try (var client = EngineClients.restClient(allowed, List.of("http://127.0.0.1:9200"))) {
      assertThat(client.getNodes()).hasSize(1);
    }
  }

  @Test
  void shouldSignWithAwsSigV4ForAnOpenSearchServiceDomain() throws Exception {
    var check = new SigV4Check("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "eu-west-1", "es");
    try (var engine = engine(check)) {
      var sink = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.CA_CERTIFICATE, certificates.caPem().toString(),
          SinkSettings.SIGV4_ENABLED, "true", SinkSettings.SIGV4_REGION, "eu-west-1");
      var credentials = StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
      try (var client = EngineClients.restClient(sink, sink.hosts(), () -> credentials, Clock.systemUTC())) {
        var bulk = new Request("POST", "/_bulk");
        bulk.addParameter("refresh", "wait_for");
        bulk.setJsonEntity("{\"index\":{\"_index\":\"products\",\"_id\":\"1\"}}\n{\"name\":\"Teapot\"}\n");
        client.performRequest(bulk);
        client.performRequest(new Request("GET", "/products/_doc/1"));
      }
      assertThat(engine.problems()).isEmpty();
      assertThat(engine.accepted()).isEqualTo(2);
    }
  }

  @Test
  void shouldStopAtStartWhenSigV4FindsNoCredentials() {
    var sink = settings(SinkSettings.HOSTS, "https://search.example:443", SinkSettings.SIGV4_ENABLED, "true",
        SinkSettings.SIGV4_REGION, "eu-west-1");
    AwsCredentialsProvider none = () -> {
      throw SdkClientException.create("no credentials in the chain");
    };

    assertThatThrownBy(() -> EngineClients.restClient(sink, sink.hosts(), () -> none, Clock.systemUTC()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.SIGV4_ENABLED)
        .hasMessageContaining("no credentials in the chain");
  }

  @Test
  void shouldGetA401WithCredentialsTheEngineDoesNotTake() throws Exception {
    try (var engine = engine(TlsProxy.authorization("Bearer right"))) {
      var sink = settings(SinkSettings.HOSTS, engine.url(), SinkSettings.BEARER_TOKEN, "wrong",
          SinkSettings.CA_CERTIFICATE, certificates.caPem().toString());
      assertThatThrownBy(() -> get(EngineClients.restClient(sink))).isInstanceOfSatisfying(ResponseException.class,
          e -> assertThat(e.getResponse().getStatusLine().getStatusCode()).isEqualTo(401));
      assertThat(engine.problems()).hasSize(1);
      assertThat(engine.accepted()).isZero();
    }
  }
}
