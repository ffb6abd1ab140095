package dev.denorm.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTrendTest {

  /** A saw-tooth of a 5 s commit interval at {@code rate}/s over {@code base}, which grows by {@code growth}/s. */
  private static List<LagSampler.Sample> sawTooth(int seconds, int rate, long base, double growth) {
    var samples = new ArrayList<LagSampler.Sample>();
    for (int t = 0; t <= seconds; t++) {
      samples.add(new LagSampler.Sample(t, base + (long) (growth * t) + (long) (t % 5) * rate));
    }
    return samples;
  }

  @Test
  void shouldTakeTheLeastLagOfEachWindowFromTheReferenceOn() {
    var trend = LagTrend.of(sawTooth(63, 2000, 100, 0), 15, 8);

    // 48 s from 15 s: six windows of 8 s, each trough just after a commit (t divisible by 5)
    assertThat(trend.troughs()).extracting(LagTrend.Trough::seconds).containsExactly(15.0, 25.0, 35.0, 40.0, 50.0, 60.0);
    assertThat(trend.troughs()).extracting(LagTrend.Trough::lag).containsOnly(100L);
    assertThat(trend.slope()).isZero();
  }

  @Test
  void shouldCallALevelBoundedWhenItsTroughsStayFlatThoughTheFirstWasZero() {
    var samples = new ArrayList<>(sawTooth(63, 2000, 2500, 0));
    samples.set(15, new LagSampler.Sample(15, 0)); // a commit just after the app had caught up

    var trend = LagTrend.of(samples, 15, 8);

    assertThat(trend.troughs().get(0).lag()).isZero();
    assertThat(trend.slope()).isZero();
    assertThat(trend.bounded(2000)).isTrue();
    // the two troughs alone (the first, the last) would call it unbounded: 2 500 > 0 + 2 000
    assertThat(trend.troughs().get(trend.troughs().size() - 1).lag()).isGreaterThan(2000);
  }

  @Test
  void shouldCallALevelUnboundedWhenItsTroughsGrowByMoreThanOneSecondsWorth() {
    var trend = LagTrend.of(sawTooth(63, 2000, 100, 60), 15, 8); // 3 % behind at 2 000/s

    assertThat(trend.slope()).isCloseTo(60, within(1.0));
    assertThat(trend.growth()).isCloseTo(60 * 45, within(40.0)); // troughs at 15 and 60 s
    assertThat(trend.bounded(2000)).isFalse();
  }

  @Test
  void shouldSplitAShortLevelIntoTwoWindowsAndNeedATroughInEach() {
    var samples = sawTooth(5, 100, 0, 0); // a --quick level: 2 s windows are more than it has
    var trend = LagTrend.of(samples, 2, 2);

    assertThat(trend.troughs()).hasSize(2);
    assertThat(trend.bounded(100)).isTrue();

    var failed = new ArrayList<>(samples.subList(0, 4)); // lag could not be read after 3 s
    failed.add(new LagSampler.Sample(4, -1));
    failed.add(new LagSampler.Sample(5, -1));
    assertThat(LagTrend.of(failed, 2, 2).bounded(100)).isFalse();
  }
}
