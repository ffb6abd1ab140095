package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TruncatePartitionsTest {

  @Test
  void shouldAcceptOnePartitionChangeTopicsOrReportedTruncates() {
    assertThatCode(() -> TruncatePartitions.requireSingle(true, Map.of("pg.shop.orders", 1, "pg.shop.products", 1)))
        .doesNotThrowAnyException();
    assertThatCode(() -> TruncatePartitions.requireSingle(false, Map.of("pg.shop.orders", 3))).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseToApplyTruncatesToMultiPartitionChangeTopicsNamingThemAndTheWaysOut() {
    assertThatThrownBy(() -> TruncatePartitions.requireSingle(true, Map.of("pg.shop.orders", 3, "pg.shop.products", 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("{pg.shop.orders=3}")
        .hasMessageContaining("topic.creation.default.partitions=1")
        .hasMessageContaining("denorm.truncate.mode=report");
  }
}
