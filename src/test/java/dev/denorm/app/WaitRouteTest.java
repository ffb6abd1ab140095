package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.config.AppConfig;
import dev.denorm.index.Indexes;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitRouteTest {

  private final Indexes indexes = Indexes.of(AppConfig.from(Map.of()));

  @Test
  void shouldReadTheIndexTheLsnAndTheTimeoutOfAWait() {
    var request = WaitRoute.parse(URI.create("/wait?index=orders&lsn=16/B374D848&timeout=250ms"), indexes);

    assertThat(request).isEqualTo(new WaitRoute.Request("orders", 0x16_B374_D848L, Duration.ofMillis(250)));
    assertThat(WaitRoute.parse(URI.create("/wait?lsn=0%2F10&index=products"), indexes).timeout())
        .isEqualTo(WaitRoute.DEFAULT_TIMEOUT);
  }

  @Test
  void shouldTakeTheTimeoutInSecondsMillisecondsOrANumberOfMillisecondsUpToFiveMinutes() {
    assertThat(WaitRoute.timeout("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(WaitRoute.timeout("1500")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> WaitRoute.timeout("301s")).hasMessageContaining("between 0 and 300s");
    assertThatThrownBy(() -> WaitRoute.timeout("soon")).hasMessageContaining("none of 5s, 500ms");
  }

  @Test
  void shouldRefuseAWaitWithoutIndexOrLsnOrForAnIndexThatDoesNotExistSayingWhatToGive() {
    assertThatThrownBy(() -> WaitRoute.parse(URI.create("/wait?lsn=0/10"), indexes))
        .hasMessageContaining("give the index");
    assertThatThrownBy(() -> WaitRoute.parse(URI.create("/wait?index=orders"), indexes))
        .hasMessageContaining("pg_current_wal_insert_lsn()");
    assertThatThrownBy(() -> WaitRoute.parse(URI.create("/wait?index=nosuch&lsn=0/10"), indexes))
        .isInstanceOf(WaitRoute.UnknownIndex.class).hasMessageContaining("no index nosuch; there are [customers, orders, products]");
    assertThatThrownBy(() -> WaitRoute.parse(URI.create("/wait?index=orders&lsn=latest"), indexes))
        .hasMessageContaining("'latest' is no PostgreSQL LSN");
  }
}
