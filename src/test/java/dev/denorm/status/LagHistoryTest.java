package dev.denorm.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Lag in time: how long a partition's oldest uncommitted record has waited, from the end offsets seen before. */
class LagHistoryTest {

  private static final TopicPartition P = new TopicPartition("pg.shop.orders", 0);

  @Test
  void shouldBeZeroWhenEverythingIsCommitted() {
    var history = new LagHistory(300_000);
    history.add(1_000, Map.of(P, 50L));
    assertThat(history.behindMs(P, 50, 50, 1_000)).isZero();
  }

  @Test
  void shouldMeasureFromTheNewestSampleWhoseEndIsCommitted() {
    var history = new LagHistory(300_000);
    history.add(0, Map.of(P, 10L));
    history.add(2_000, Map.of(P, 20L));
    history.add(4_000, Map.of(P, 30L));
    history.add(6_000, Map.of(P, 40L));
    // committed 25: everything up to t=2 s is processed, so the oldest waiting record came later
    assertThat(history.behindMs(P, 25, 40, 6_000)).isEqualTo(4_000);
    assertThat(history.behindMs(P, 30, 40, 6_000)).isEqualTo(2_000);
  }

  @Test
  void shouldBeAtLeastTheAgeOfTheOldestSampleKeptWhenNoneIsCommittedYet() {
    var history = new LagHistory(10_000);
    for (long t = 0; t <= 30_000; t += 2_000) {
      history.add(t, Map.of(P, 100 + t));
    }
    // samples older than 10 s are dropped: the oldest kept is t=20 s
    assertThat(history.behindMs(P, 0, 130_100, 30_000)).isEqualTo(10_000);
  }

  @Test
  void shouldKeepABusyPartitionThatKeepsUpBelowTheCommitInterval() {
    var history = new LagHistory(300_000);
    long committed = 0;
    for (long t = 0; t <= 60_000; t += 2_000) {
      long end = t / 10; // 100 records/s
      history.add(t, Map.of(P, end));
      if (t % 6_000 == 0) {
        committed = end; // a commit every 6 s that covers what was written up to then
      }
      assertThat(history.behindMs(P, committed, end, t)).isLessThanOrEqualTo(6_000);
    }
  }
}
