package dev.denorm.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AppInstancesTest {

  @Test
  void shouldReadThePortFromTheLineTheAppLogsWhenItsEndpointIsBound() {
    String log = """
        10:52:55.101 INFO  o.a.k.c.c.ConsumerConfig - ConsumerConfig values: bootstrap.servers = [127.0.0.1:40001]
        10:52:55.123 INFO  d.d.a.DenormApp - HTTP endpoint at http://0.0.0.0:41234: /metrics, /status, /status.html
        """;

    assertThat(AppInstances.httpPort(log)).isEqualTo(OptionalInt.of(41234));
  }

  @Test
  void shouldFindNoPortBeforeTheEndpointIsBound() {
    assertThat(AppInstances.httpPort("10:52:55.101 INFO  d.d.a.StartupWait - waiting for Kafka at 127.0.0.1:40001\n"))
        .isEmpty();
  }

  @Test
  void shouldNameFiguresOfOneInstanceAsBeforeAndOfSeveralAsTheirSumOrLargest() {
    assertThat(AppInstances.summed("app CPU", 1)).isEqualTo("app CPU");
    assertThat(AppInstances.largest("app peak RSS", 1)).isEqualTo("app peak RSS");
    assertThat(AppInstances.summed("app CPU", 2)).isEqualTo("app CPU, 2 instances summed");
    assertThat(AppInstances.largest("app peak RSS", 2)).isEqualTo("app peak RSS, largest of 2 instances");
  }
}
