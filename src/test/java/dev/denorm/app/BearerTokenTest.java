package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** The token check itself; what a route answers without it is in DocumentsRouteTest. */
class BearerTokenTest {

  private static final String TOKEN = "0123456789abcdef-token";
  private final BearerToken check = new BearerToken(new Password(TOKEN));

  @Test
  void shouldAcceptTheTokenAfterTheBearerSchemeInAnyCase() {
    assertThat(check.accepts("Bearer " + TOKEN)).isTrue();
    assertThat(check.accepts("bearer " + TOKEN)).isTrue();
    assertThat(check.accepts("BEARER   " + TOKEN + " ")).isTrue();
  }

  @Test
  void shouldRejectAMissingHeaderAnotherSchemeAndAnEmptyToken() {
    assertThat(check.accepts(null)).isFalse();
    assertThat(check.accepts("")).isFalse();
    assertThat(check.accepts(TOKEN)).as("no scheme").isFalse();
    assertThat(check.accepts("Basic " + TOKEN)).isFalse();
    assertThat(check.accepts("Bearer")).isFalse();
    assertThat(check.accepts("Bearer ")).isFalse();
  }

  @Test
  void shouldRejectATokenThatDiffersInAnyWayIncludingItsLength() {
    assertThat(check.accepts("Bearer " + TOKEN.substring(1))).isFalse();
    assertThat(check.accepts("Bearer " + TOKEN + "0")).isFalse();
    assertThat(check.accepts("Bearer " + TOKEN.toUpperCase())).isFalse();
    assertThat(check.accepts("Bearer " + TOKEN.replace('0', '1'))).isFalse();
    assertThat(check.accepts("Bearer " + TOKEN + TOKEN)).isFalse();
  }

  @Test
  void shouldSendWhatItAcceptsAndNeverShowTheTokenAsText() {
    assertThat(check.accepts(check.authorization())).isTrue();
    assertThat(check.toString()).doesNotContain(TOKEN);
    assertThat(check.description()).doesNotContain(TOKEN);
  }

  @Test
  void shouldCompareDigestsOfOneLengthWhateverTheTokensLength() {
    assertThat(BearerToken.sha256("x")).hasSize(32);
    assertThat(BearerToken.sha256(TOKEN.repeat(100))).hasSize(32);
  }
}
