package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class StartupWaitTest {

  @Test
  void shouldTryAgainWhileThePartIsUnreachableAndReturnItsAnswer() throws Exception {
    var tries = new AtomicInteger();
    String answer = StartupWait.until("the search engine", "http://127.0.0.1:1", () -> {
      if (tries.incrementAndGet() < 3) {
        throw new ConnectException("Connection refused");
      }
      return "up";
    });
    assertThat(answer).isEqualTo("up");
    assertThat(tries).hasValue(3);
  }

  @Test
  void shouldThrowAtOnceWhatWaitingCannotFix() {
    var tries = new AtomicInteger();
    assertThatThrownBy(() -> StartupWait.until("Kafka", "k:9092", () -> {
      tries.incrementAndGet();
      throw new IllegalStateException("the plan of index orders changed");
    })).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> StartupWait.until("Kafka", "k:9092", () -> {
      throw new ExecutionException(new ConfigException("bad"));
    })).isInstanceOf(ConfigException.class);
    assertThat(tries).hasValue(1);
  }

  @Test
  void shouldWaitOnIoErrorsTimeoutsAndRetriableKafkaErrorsOnly() {
    assertThat(StartupWait.worthWaiting(new IOException("reset"))).isTrue();
    assertThat(StartupWait.worthWaiting(new TimeoutException("no broker"))).isTrue();
    assertThat(StartupWait.worthWaiting(new java.util.concurrent.TimeoutException())).isTrue();
    assertThat(StartupWait.worthWaiting(new IllegalArgumentException())).isFalse();
  }
}
