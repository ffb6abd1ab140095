package dev.denorm.sink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void shouldGrowExponentiallyUpToTheMaximumWithJitter() {
    var backoff = new Backoff(100, 5_000);
    assertThat(IntStream.range(0, 200).mapToLong(i -> backoff.delayMs(0))).allMatch(d -> d >= 1 && d <= 100);
    assertThat(IntStream.range(0, 200).mapToLong(i -> backoff.delayMs(3))).allMatch(d -> d <= 800);
    assertThat(IntStream.range(0, 200).mapToLong(i -> backoff.delayMs(62))).allMatch(d -> d <= 5_000);
    // Jitter: not all equal.
    assertThat(IntStream.range(0, 50).mapToLong(i -> backoff.delayMs(5)).distinct().count()).isGreaterThan(1);
  }
}
