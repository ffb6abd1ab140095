package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RoutingPartitionsTest {

  @Test
  void shouldAcceptChangeTopicsThatAgree() {
    assertThatCode(() -> RoutingPartitions.requireUniform(0, Map.of("pg.shop.orders", 3, "pg.shop.order_lines", 3)))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldFailNamingTheTopicsAndTheKeyWhenChangeTopicsDisagree() {
    assertThatThrownBy(() -> RoutingPartitions.requireUniform(0, Map.of("pg.shop.orders", 3, "pg.shop.order_lines", 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("denorm.partitions")
        .hasMessageContaining("pg.shop.order_lines=1")
        .hasMessageContaining("pg.shop.orders=3");
  }

  @Test
  void shouldAcceptAnyChangeTopicsWhenThePartitionsAreConfigured() {
    assertThatCode(() -> RoutingPartitions.requireUniform(6, Map.of("pg.shop.orders", 3, "pg.shop.order_lines", 1)))
        .doesNotThrowAnyException();
  }
}
