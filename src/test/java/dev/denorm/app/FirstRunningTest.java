package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class FirstRunningTest {

  @Test
  void shouldReportTheUptimeWhenStreamsFirstRuns() {
    var running = new FirstRunning(() -> 8_345);

    assertThat(running.line(State.REBALANCING)).isEmpty();
    assertThat(running.line(State.RUNNING)).contains("Kafka Streams is RUNNING, 8.3 s after the JVM started");
  }

  @Test
  void shouldStaySilentWhenStreamsRunsAgainAfterARebalance() {
    var uptime = new AtomicLong(5_000);
    var running = new FirstRunning(uptime::get);
    assertThat(running.line(State.RUNNING)).isPresent();

    uptime.set(60_000);
    assertThat(running.line(State.REBALANCING)).isEmpty();
    assertThat(running.line(State.RUNNING)).isEmpty();
  }
}
