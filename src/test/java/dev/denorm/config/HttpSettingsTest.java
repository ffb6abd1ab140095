package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.config.HttpSettings.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP settings as AppConfig parses them: safe defaults, the token's sources, and the start refused when unsafe. */
class HttpSettingsTest {

  private static final String TOKEN = "s3cret-Token_0123456789abcdef";

  @TempDir
  Path dir;

  private static HttpSettings http(String... keysAndValues) {
    var values = new HashMap<String, String>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return AppConfig.from(values).http();
  }

  private Path tokenFile(String content) throws Exception {
    return Files.writeString(dir.resolve("token"), content);
  }

  @Test
  void shouldServeNoDocumentsAndRequireNoTokenByDefault() {
    var http = AppConfig.from(Map.of()).http();

    assertThat(http.documentsEnabled()).isFalse();
    assertThat(http.token()).isEmpty();
    assertThat(http.tokenRoutes()).containsExactly(Route.DOCUMENTS);
    assertThat(http.maxQueued()).isEqualTo(64);
    assertThat(http.maxRelayedBytes()).isEqualTo(16 * 1024 * 1024);
    for (var route : Route.values()) {
      assertThat(http.requiresToken(route)).as(route.key()).isFalse();
    }
  }

  @Test
  void shouldReadTheTokenFromTheFileTrimmed() throws Exception {
    var http = http(HttpSettings.TOKEN_FILE, tokenFile("\n  " + TOKEN + "  \n").toString());

    assertThat(http.token()).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo(TOKEN));
  }

  @Test
  void shouldTakeAnInlineTokenAndNeverShowIt() {
    var http = http(HttpSettings.TOKEN, TOKEN);

    assertThat(http.token()).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo(TOKEN));
    assertThat(http.toString()).doesNotContain(TOKEN);
    assertThat(AppConfig.from(Map.of(HttpSettings.TOKEN, TOKEN)).toString()).doesNotContain(TOKEN);
  }

  @Test
  void shouldFailNamingTheKeyWhenTheTokenFileIsEmpty() throws Exception {
    String file = tokenFile(" \n").toString();

    assertThatThrownBy(() -> http(HttpSettings.TOKEN_FILE, file))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN_FILE).hasMessageContaining("empty");
  }

  @Test
  void shouldFailNamingTheKeyWhenTheTokenFileCannotBeRead() {
    String missing = dir.resolve("nosuch").toString();

    assertThatThrownBy(() -> http(HttpSettings.TOKEN_FILE, missing))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN_FILE).hasMessageContaining(missing)
        .hasMessageContaining("cannot be read");
    assertThatThrownBy(() -> http(HttpSettings.TOKEN_FILE, dir.toString()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN_FILE);
  }

  @Test
  void shouldFailWithoutShowingTheTokenWhenItCannotBeSentInAHeader() throws Exception {
    String file = tokenFile("two words").toString();

    assertThatThrownBy(() -> http(HttpSettings.TOKEN_FILE, file))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN_FILE).hasMessageContaining("visible ASCII")
        .hasMessageNotContaining("two words");
    assertThatThrownBy(() -> http(HttpSettings.TOKEN, "tøken"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN).hasMessageNotContaining("tøken");
  }

  @Test
  void shouldFailWhenTheTokenIsBothInAFileAndInline() throws Exception {
    String file = tokenFile(TOKEN).toString();

    assertThatThrownBy(() -> http(HttpSettings.TOKEN_FILE, file, HttpSettings.TOKEN, TOKEN))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN_FILE)
        .hasMessageContaining(HttpSettings.TOKEN + " are set").hasMessageNotContaining(TOKEN);
  }

  @Test
  void shouldRefuseToServeDocumentsWithoutATokenOnANonLoopbackAddress() {
    assertThatThrownBy(() -> http(HttpSettings.DOCUMENTS_ENABLED, "true"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(HttpSettings.DOCUMENTS_ENABLED).hasMessageContaining("0.0.0.0:9464")
        .hasMessageContaining(HttpSettings.TOKEN_FILE).hasMessageContaining(HttpSettings.ALLOW_UNAUTHENTICATED + "=true");
    assertThatThrownBy(() -> http(HttpSettings.DOCUMENTS_ENABLED, "true", HttpSettings.HOST, "10.1.2.3"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("10.1.2.3");
  }

  @Test
  void shouldServeDocumentsWithoutATokenOnLoopbackWhenAllowedOrWithNoPort() {
    for (String loopback : new String[] {"127.0.0.1", "localhost", "::1", "[::1]"}) {
      assertThat(http(HttpSettings.DOCUMENTS_ENABLED, "true", HttpSettings.HOST, loopback).documentsEnabled())
          .as(loopback).isTrue();
    }
    assertThat(http(HttpSettings.DOCUMENTS_ENABLED, "true", HttpSettings.ALLOW_UNAUTHENTICATED, "true").documentsEnabled())
        .isTrue();
    assertThat(http(HttpSettings.DOCUMENTS_ENABLED, "true", HttpSettings.PORT, "-1").documentsEnabled()).isTrue();
    assertThat(http(HttpSettings.DOCUMENTS_ENABLED, "true", HttpSettings.TOKEN, TOKEN).requiresToken(Route.DOCUMENTS))
        .isTrue();
  }

  @Test
  void shouldRequireTheTokenOnTheDocumentRouteAlwaysAndOnTheOthersWhenListed() {
    var byDefault = http(HttpSettings.TOKEN, TOKEN);
    assertThat(byDefault.requiresToken(Route.DOCUMENTS)).isTrue();
    assertThat(byDefault.requiresToken(Route.STATUS)).isFalse();
    assertThat(byDefault.requiresToken(Route.METRICS)).isFalse();

    var status = http(HttpSettings.TOKEN, TOKEN, HttpSettings.TOKEN_ROUTES, "documents, status");
    assertThat(status.tokenRoutes()).containsExactlyInAnyOrder(Route.DOCUMENTS, Route.STATUS);
    assertThat(status.requiresToken(Route.METRICS)).isFalse();

    var all = http(HttpSettings.TOKEN, TOKEN, HttpSettings.TOKEN_ROUTES, "all");
    for (var route : Route.values()) {
      assertThat(all.requiresToken(route)).as(route.key()).isTrue();
    }
    assertThat(http(HttpSettings.TOKEN_ROUTES, "all").requiresToken(Route.METRICS)).as("no token, nothing required").isFalse();
  }

  @Test
  void shouldRejectARouteListWithoutTheDocumentRouteOrWithAnUnknownRoute() {
    assertThatThrownBy(() -> http(HttpSettings.TOKEN_ROUTES, "metrics"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN_ROUTES)
        .hasMessageContaining("e.g. documents,metrics");
    assertThatThrownBy(() -> http(HttpSettings.TOKEN_ROUTES, "documents,stats"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN_ROUTES)
        .hasMessageContaining("'stats' is no route");
    assertThatThrownBy(() -> http(HttpSettings.TOKEN_ROUTES, ""))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.TOKEN_ROUTES);
  }

  @Test
  void shouldFailNamingTheKeyWhenABoundIsOutOfRange() {
    assertThatThrownBy(() -> http(HttpSettings.MAX_QUEUED, "0"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.MAX_QUEUED);
    assertThatThrownBy(() -> http(HttpSettings.MAX_RELAYED_BYTES, "100"))
        .isInstanceOf(ConfigException.class).hasMessageContaining(HttpSettings.MAX_RELAYED_BYTES);
    assertThat(http(HttpSettings.MAX_QUEUED, "5", HttpSettings.MAX_RELAYED_BYTES, "2048"))
        .extracting(HttpSettings::maxQueued, HttpSettings::maxRelayedBytes).containsExactly(5, 2048);
  }
}
