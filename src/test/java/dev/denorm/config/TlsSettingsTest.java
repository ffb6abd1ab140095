package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.testing.TestCertificates;
import dev.denorm.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The trust and key stores as the configuration reads them at start: each format, told by the
 * type or by the content, and a store that cannot be used stopping the start with its key named and
 * no password shown. (That a context trusts and presents what it should: EngineClientsTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsSettingsTest {

  private Path dir;
  private TestCertificates certificates;

  @BeforeAll
  void makeCertificates() {
    dir = TempDirs.create("denorm-tls-settings-");
    certificates = TestCertificates.create(dir, "tls");
  }

  @AfterAll
  void deleteCertificates() {
    TempDirs.delete(dir);
  }

  private static SinkSettings sink(String... keysAndValues) {
    var values = new HashMap<String, String>();
    values.put(SinkSettings.HOSTS, "https://engine.example:9200");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return AppConfig.from(values).sink();
  }

  @Test
  void shouldUseTheJvmDefaultsWhenNothingIsSet() {
    assertThat(sink().access().tls().configured()).isFalse();
    assertThat(sink().access().tls()).isEqualTo(TlsSettings.none());
  }

  @Test
  void shouldReadEveryFormatWithOrWithoutItsType() {
    for (String type : new String[] {"", "pem", "PEM"}) {
      var tls = sink(SinkSettings.TRUSTSTORE_PATH, certificates.caPem().toString(), SinkSettings.TRUSTSTORE_TYPE, type)
          .access().tls();
      assertThat(tls.trustStore()).isPresent();
      assertThat(tls.sslContext()).isNotNull();
    }
    for (String type : new String[] {"JKS", "PKCS12"}) {
      for (String given : new String[] {type, ""}) {
        var tls = sink(SinkSettings.TRUSTSTORE_PATH, certificates.caStore(type).toString(),
            SinkSettings.TRUSTSTORE_TYPE, given, SinkSettings.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD,
            SinkSettings.KEYSTORE_PATH, certificates.clientStore(type).toString(),
            SinkSettings.KEYSTORE_TYPE, given, SinkSettings.KEYSTORE_PASSWORD, TestCertificates.PASSWORD).access().tls();
        assertThat(tls.keyStore()).as(type + " given as '" + given + "'").isPresent();
      }
    }
    assertThat(sink(SinkSettings.KEYSTORE_PATH, certificates.clientPem().toString()).access().tls().keyStore()).isPresent();
    assertThat(sink(SinkSettings.KEYSTORE_PATH, certificates.clientEncryptedPem().toString(),
        SinkSettings.KEYSTORE_PASSWORD, TestCertificates.PASSWORD).access().tls().keyStore()).isPresent();
  }

  @Test
  void shouldStopTheStartNamingTheKeyOfAStoreThatCannotBeUsed() throws Exception {
    assertThatThrownBy(() -> sink(SinkSettings.TRUSTSTORE_PATH, dir.resolve("missing.p12").toString()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.TRUSTSTORE_PATH)
        .hasMessageContaining("cannot be read");
    assertThatThrownBy(() -> sink(SinkSettings.TRUSTSTORE_PATH, certificates.caStore("PKCS12").toString(),
        SinkSettings.TRUSTSTORE_PASSWORD, "wrong-password"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.TRUSTSTORE_PATH)
        .hasMessageContaining("password").hasMessageNotContaining("wrong-password");
    assertThatThrownBy(() -> sink(SinkSettings.KEYSTORE_PATH, certificates.clientEncryptedPem().toString(),
        SinkSettings.KEYSTORE_PASSWORD, "wrong-password"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.KEYSTORE_PATH)
        .hasMessageContaining("decrypted").hasMessageNotContaining("wrong-password");
    assertThatThrownBy(() -> sink(SinkSettings.TRUSTSTORE_PATH, certificates.caPem().toString(),
        SinkSettings.TRUSTSTORE_TYPE, "PFX"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.TRUSTSTORE_TYPE)
        .hasMessageContaining("PEM, JKS, PKCS12");
    Path noCertificate = Files.writeString(dir.resolve("empty.pem"), "-----BEGIN NOTHING-----\nAA==\n-----END NOTHING-----\n");
    assertThatThrownBy(() -> sink(SinkSettings.TRUSTSTORE_PATH, noCertificate.toString()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no PEM certificate");
  }

  @Test
  void shouldSayHowToConvertAPkcs1Key() {
    assertThatThrownBy(() -> sink(SinkSettings.KEYSTORE_PATH, certificates.clientPkcs1Pem().toString()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.KEYSTORE_PATH)
        .hasMessageContaining("RSA PRIVATE KEY").hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void shouldNeverShowTheStorePasswords() {
    var tls = sink(SinkSettings.TRUSTSTORE_PATH, certificates.caStore("JKS").toString(),
        SinkSettings.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD).access().tls();
    assertThat(tls.toString()).doesNotContain(TestCertificates.PASSWORD).contains("[hidden]");
  }
}
