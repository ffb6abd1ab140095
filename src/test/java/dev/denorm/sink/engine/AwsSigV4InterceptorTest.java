package dev.denorm.sink.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.config.SinkSettings;
import dev.denorm.testing.SigV4Check;
import dev.denorm.testing.TestCertificates;
import dev.denorm.testing.TlsProxy;
import dev.denorm.testkit.TempDirs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.InputStreamEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The SigV4 signer on the REST client, for an OpenSearch Service domain (es) and for OpenSearch
 * Serverless (aoss; the sink refuses aoss at start, see SinkSettings, but the signing is the same
 * but for the name): a local endpoint behind TLS recomputes every signature from the specification
 * ({@link SigV4Check}) with the test's fixed keys, for bodies, queries, encoded paths and
 * temporary credentials; a wrong secret, a stale clock or a one-shot body are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsSigV4InterceptorTest {

  private static final String ACCESS_KEY = "AKIDEXAMPLE";
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String SESSION_TOKEN = "FQoGZXIvYXdzEJr//////////wEaDOsession+token/42==";
  private Path dir;
  private TestCertificates certificates;

  @BeforeAll
  void makeCertificates() {
    dir = TempDirs.create("denorm-sigv4-");
    certificates = TestCertificates.create(dir, "sigv4");
  }

  @AfterAll
  void deleteCertificates() {
    TempDirs.delete(dir);
  }

  private TlsProxy endpoint(SigV4Check check) {
    return TlsProxy.answering(certificates.serverContext(), false, check,
        request -> TlsProxy.Answer.json("{\"errors\":false,\"items\":[]}"));
  }

  private RestClient client(TlsProxy endpoint, String service, AwsCredentialsProvider credentials, Clock clock) {
    var tls = SinkSettings.of(Map.of(SinkSettings.HOSTS, endpoint.url(),
        SinkSettings.CA_CERTIFICATE, certificates.caPem().toString())).access().tls().sslContext();
    var signer = new AwsSigV4Interceptor("us-east-1", service, credentials, clock);
    return RestClient.builder(HttpHost.create(endpoint.url()))
        .setHttpClientConfigCallback(http -> http.setSSLContext(tls).addInterceptorLast(signer)).build();
  }

  private static AwsCredentialsProvider keys() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"es", "aoss"})
  void shouldSignBodiesQueriesAndPathsAsTheSpecificationComputesThem(String service) throws Exception {
    try (var endpoint = endpoint(new SigV4Check(ACCESS_KEY, SECRET_KEY, null, "us-east-1", service));
         var client = client(endpoint, service, keys(), Clock.systemUTC())) {
      var bulk = new Request("POST", "/_bulk");
      bulk.addParameter("refresh", "wait_for");
      bulk.addParameter("pipeline", "orders-enrich");
      bulk.setJsonEntity("{\"index\":{\"_index\":\"orders\",\"_id\":\"7\",\"version\":5,\"version_type\":\"external\"}}\n"
          + "{\"note\":\"Grüße, 100% ok\"}\n");
      client.performRequest(bulk);
      var search = new Request("GET", "/orders,products/_search");
      search.addParameter("q", "name:\"blue lamp\" AND price:[1 TO 5]");
      search.addParameter("size", "3");
      client.performRequest(search);
      client.performRequest(new Request("HEAD", "/orders"));
      client.performRequest(new Request("DELETE", "/_search/scroll"));
      client.performRequest(new Request("GET", "/"));

      assertThat(endpoint.problems()).isEmpty();
      assertThat(endpoint.accepted()).isEqualTo(5);
      assertThat(endpoint.received().get(1).uri().getRawQuery()).contains("q=");
    }
  }

  @Test
  void shouldSignTheSessionTokenOfTemporaryCredentials() throws Exception {
    var temporary = StaticCredentialsProvider.create(AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));
    try (var endpoint = endpoint(new SigV4Check(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, "us-east-1", "es"));
         var client = client(endpoint, "es", temporary, Clock.systemUTC())) {
      client.performRequest(new Request("GET", "/_cluster/health"));
      assertThat(endpoint.problems()).isEmpty();
    }
  }

  @Test
  void shouldBeRefusedWithAnotherSecretAnotherServiceOrAStaleClock() throws Exception {
    var wrongSecret = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "not-the-secret"));
    var stale = Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC);
    try (var endpoint = endpoint(new SigV4Check(ACCESS_KEY, SECRET_KEY, null, "us-east-1", "es"))) {
      try (var client = client(endpoint, "es", wrongSecret, Clock.systemUTC())) {
        assertThatThrownBy(() -> client.performRequest(new Request("GET", "/"))).isInstanceOf(ResponseException.class);
      }
      try (var client = client(endpoint, "aoss", keys(), Clock.systemUTC())) {
        assertThatThrownBy(() -> client.performRequest(new Request("GET", "/"))).isInstanceOf(ResponseException.class);
      }
      try (var client = client(endpoint, "es", keys(), stale)) {
        assertThatThrownBy(() -> client.performRequest(new Request("GET", "/"))).isInstanceOf(ResponseException.class);
      }
      assertThat(endpoint.problems()).hasSize(3).anySatisfy(p -> assertThat(p).contains("is not the expected"))
          .anySatisfy(p -> assertThat(p).contains("credential scope")).anySatisfy(p -> assertThat(p).contains("minutes"));
    }
  }

  @Test
  void shouldRefuseToSignABodyThatCanBeReadOnlyOnce() throws Exception {
    try (var endpoint = endpoint(new SigV4Check(ACCESS_KEY, SECRET_KEY, null, "us-east-1", "es"));
         var client = client(endpoint, "es", keys(), Clock.systemUTC())) {
      var request = new Request("POST", "/_bulk");
      request.setEntity(new InputStreamEntity(new ByteArrayInputStream("{}\n".getBytes(StandardCharsets.UTF_8)),
          ContentType.APPLICATION_JSON));
      assertThatThrownBy(() -> client.performRequest(request)).hasMessageContaining("read only once");
      assertThat(endpoint.received()).isEmpty();
    }
  }
}
