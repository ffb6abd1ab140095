package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void shouldMaskThePasswordParameterOfAJdbcUrl() {
    assertThat(Secrets.redact("jdbc:postgresql://db:5432/shop?password=s3cret"))
        .isEqualTo("jdbc:postgresql://db:5432/shop?password=***");
    assertThat(Secrets.redact("jdbc:postgresql://db:5432/shop?user=app&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/shop?user=app&password=***&ssl=true");
    assertThat(Secrets.redact("jdbc:postgresql://db/shop?sslmode=require&sslpassword=k3y"))
        .isEqualTo("jdbc:postgresql://db/shop?sslmode=require&sslpassword=***");
    assertThat(Secrets.redact("jdbc:postgresql://db/shop?PASSWORD=s3cret")).doesNotContain("s3cret");
  }

  @Test
  void shouldMaskTheUserInfoOfAnyUrl() {
    assertThat(Secrets.redact("jdbc:postgresql://app:s3cret@db:5432/shop")).isEqualTo("jdbc:postgresql://***@db:5432/shop");
    assertThat(Secrets.redact("http://elastic:s3cret@es:9200")).isEqualTo("http://***@es:9200");
    assertThat(Secrets.redact("https://t0ken@es:9200/path?q=a@b")).isEqualTo("https://***@es:9200/path?q=a@b");
    assertThat(Secrets.redact("http://u:p@ss@es:9200")).isEqualTo("http://***@es:9200");
    assertThat(Secrets.redact("hosts http://a:9200,http://u:s3cret@b:9200 down"))
        .isEqualTo("hosts http://a:9200,http://***@b:9200 down");
  }

  @Test
  void shouldMaskSecretSettingsInsideText() {
    assertThat(Secrets.redact("PlainLoginModule required username=\"app\" password=\"s3cret\";"))
        .isEqualTo("PlainLoginModule required username=\"app\" password=\"***\";");
    assertThat(Secrets.redact("ssl.key.password = s3cret, ssl.keystore.type = JKS"))
        .isEqualTo("ssl.key.password = ***, ssl.keystore.type = JKS");
    assertThat(Secrets.redact("{\"password\":\"s3cret\"}")).isEqualTo("{\"password\":\"***\"}");
    assertThat(Secrets.redact("client_secret=s3cret api.key=k3y access_token=t0k")).doesNotContain("s3cret", "k3y", "t0k");
    assertThat(Secrets.redact("Authorization: ApiKey s3cret")).isEqualTo("Authorization: ApiKey ***");
  }

  @Test
  void shouldLeaveTextWithoutSecretsAsItIs() {
    for (String text : new String[] {"jdbc:postgresql://db:5432/shop", "http://es:9200,http://es2:9200",
        "FATAL: password authentication failed for user \"app\"", "mail me at a@b.c", "Unrecognized token 'x'", ""}) {
      assertThat(Secrets.redact(text)).isEqualTo(text);
    }
    assertThat(Secrets.redact(null)).isNull();
  }

  @Test
  void shouldSummariseAnErrorByItsTypeWithoutItsMessage() {
    assertThat(Secrets.summary(new IllegalStateException("row 5 has price 'abc'"))).isEqualTo("IllegalStateException");
    assertThat(Secrets.summary(new SQLException("ERROR: invalid input \"abc\"", "22P02")))
        .isEqualTo("SQLException (SQLState 22P02)");
    assertThat(Secrets.summary(new ExecutionException(new UncheckedIOException(new IOException("body with data")))))
        .isEqualTo("IOException");
    assertThat(Secrets.summary(new ConnectException("Connection refused"))).isEqualTo("ConnectException: Connection refused");
  }

  @Test
  void shouldTellAUrlWithUserInfo() {
    assertThat(Secrets.hasUserInfo("http://u:p@es:9200")).isTrue();
    assertThat(Secrets.hasUserInfo("http://u@es:9200")).isTrue();
    assertThat(Secrets.hasUserInfo("jdbc:postgresql://u:p@db/shop")).isTrue();
    assertThat(Secrets.hasUserInfo("http://es:9200/x@y")).isFalse();
    assertThat(Secrets.hasUserInfo("jdbc:postgresql://db/shop?password=p@ss")).isFalse();
    assertThat(Secrets.hasUserInfo("es:9200")).isFalse();
  }

  @Test
  void shouldRefuseUserInfoWithAMessageThatDoesNotShowIt() {
    assertThatThrownBy(() -> Secrets.requireNoUserInfo("denorm.sink.hosts", "http://elastic:s3cret@es:9200",
        "set denorm.sink.username and denorm.sink.password"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("denorm.sink.hosts")
        .hasMessageContaining("http://***@es:9200")
        .hasMessageContaining("denorm.sink.password")
        .hasMessageNotContaining("s3cret");
  }
}
