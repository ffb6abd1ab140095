package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EngineIndexSettingsTest {

  private static final String KEY = SinkSettings.INDEX_SETTINGS;

  @Test
  void shouldGiveEveryIndexTheCommonSettingsAndOneIndexItsOwnOverThem() {
    var settings = EngineIndexSettings.parse(KEY,
        List.of("refresh_interval=1s", "index.merge.policy.floor_segment=2mb", "orders:refresh_interval=5s"));

    assertThat(settings.of("products")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "index.refresh_interval", "1s", "index.merge.policy.floor_segment", "2mb"));
    assertThat(settings.of("orders")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "index.refresh_interval", "5s", "index.merge.policy.floor_segment", "2mb"));
  }

  @Test
  void shouldRejectAnEntryWithoutNameOrValueNamingTheKeyAndTheEntry() {
    for (String bad : List.of("refresh_interval", "=1s", "refresh_interval=", ":refresh_interval=1s", "index.=1s")) {
      assertThatThrownBy(() -> EngineIndexSettings.parse(KEY, List.of(bad)))
          .isInstanceOf(ConfigException.class).hasMessageContaining(KEY).hasMessageContaining(bad)
          .hasMessageContaining("name=value");
    }
  }

  @Test
  void shouldRejectShardsAndReplicasNamingTheKeysThatSetThem() {
    assertThatThrownBy(() -> EngineIndexSettings.parse(KEY, List.of("number_of_shards=3")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.INDEX_SHARDS);
    assertThatThrownBy(() -> EngineIndexSettings.parse(KEY, List.of("orders:index.number_of_replicas=2")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(SinkSettings.INDEX_REPLICAS);
  }

  @Test
  void shouldFailTheWholeConfigWhenAnEntryIsBad() {
    assertThatThrownBy(() -> AppConfig.from(Map.of(KEY, "refresh_interval")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(KEY);
  }
}
