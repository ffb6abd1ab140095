package dev.denorm.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpAccess;
import dev.denorm.config.StackSettings;
import dev.denorm.testing.TestCertificates;
import dev.denorm.testing.TlsProxy;
import dev.denorm.testkit.TempDirs;
import dev.denorm.capture.ConnectorRegistration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kafka Connect's REST API with basic auth and TLS: the connector watch and the registration
 * against a stub worker behind TLS that requires the credentials and a client certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectAccessTest {

  private static final String STATUS = "{\"name\":\"shop\",\"connector\":{\"state\":\"RUNNING\"},"
      + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"}]}";
  private Path dir;
  private TestCertificates certificates;

  @BeforeAll
  void makeCertificates() {
    dir = TempDirs.create("denorm-connect-");
    certificates = TestCertificates.create(dir, "connect");
  }

  @AfterAll
  void deleteCertificates() {
    TempDirs.delete(dir);
  }

  private TlsProxy connect() {
    String basic = "Basic " + Base64.getEncoder().encodeToString("watcher:w4tch".getBytes(StandardCharsets.UTF_8));
    return TlsProxy.answering(certificates.serverContext(), true,
        TlsProxy.both(TlsProxy.clientCertificateNamed(TestCertificates.CLIENT_NAME), TlsProxy.authorization(basic)),
        request -> request.method().equals("PUT")
            ? new TlsProxy.Answer(201, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
            : TlsProxy.Answer.json(STATUS));
  }

  private HttpAccess access(String url, String password) {
    var values = new HashMap<String, String>();
    values.put(StackSettings.CONNECT_URL, url);
    values.put(StackSettings.CONNECT_USERNAME, "watcher");
    values.put(StackSettings.CONNECT_PASSWORD, password);
    values.put("denorm.stack.connect.tls.truststore.path", certificates.caStore("JKS").toString());
    values.put("denorm.stack.connect.tls.truststore.password", TestCertificates.PASSWORD);
    values.put("denorm.stack.connect.tls.keystore.path", certificates.clientPem().toString());
    return AppConfig.from(values).stack().connectAccess();
  }

  @Test
  void shouldWatchTheConnectorWithBasicAuthAndAClientCertificate() {
    try (var connect = connect();
         var watch = ConnectorWatch.start(connect.url(), access(connect.url(), "w4tch"), "shop",
             Duration.ofMillis(100), Duration.ofSeconds(60))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> watch.state().equals("RUNNING"));
      assertThat(connect.problems()).isEmpty();
    }
  }

  @Test
  void shouldSayWhatToSetWhenConnectRefusesTheCredentials() {
    try (var connect = connect();
         var watch = ConnectorWatch.start(connect.url(), access(connect.url(), "wrong"), "shop",
             Duration.ofMillis(100), Duration.ofSeconds(60))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> watch.state().contains("HTTP 401"));
      assertThat(watch.state()).contains(StackSettings.CONNECT_USERNAME).doesNotContain("wrong");
    }
  }

  @Test
  void shouldRegisterAConnectorWithBasicAuthAndAClientCertificate() throws Exception {
    try (var connect = connect()) {
      new ConnectorRegistration(connect.url(), access(connect.url(), "w4tch"))
          .register("shop", new ObjectMapper().createObjectNode().put("connector.class", "x"), Duration.ofSeconds(30));
      assertThat(connect.problems()).isEmpty();
      assertThat(connect.received()).extracting(TlsProxy.Received::method).contains("PUT", "GET");
    }
  }
}
