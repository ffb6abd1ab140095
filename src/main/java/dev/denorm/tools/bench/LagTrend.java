package dev.denorm.tools.bench;

import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a load level's lag grows: the least lag in each of equal windows of at least
 * {@code window} seconds from {@code from} on (lag is read from committed offsets, so it saw-tooths with the commit interval;
 * a window's trough is what the app had really consumed), and the robust trend of those troughs.
 * Bounded when the trend adds up to at most one second's worth of changes over the span of the
 * troughs: a trend over every window, not two troughs, so one trough that met a commit just after
 * the app had caught up (lag 0) does not make a level unbounded.
 */
record LagTrend(List<Trough> troughs) {

  /** The least lag in a window, and when it was sampled, in seconds since the level started. */
  record Trough(double seconds, long lag) {}

  LagTrend {
    troughs = List.copyOf(troughs);
  }

  /**
   * Splits [from, the last sample] into equal windows of at least {@code window} seconds (two at
   * least) and takes each one's least lag, at the time it was sampled.
   */
  static LagTrend of(List<LagSampler.Sample> samples, double from, double window) {
    double end = samples.stream().mapToDouble(LagSampler.Sample::seconds).max().orElse(from) + 1e-9;
    int windows = Math.max(2, (int) Math.floor((end - from) / window));
    double length = (end - from) / windows;
    var troughs = new ArrayList<Trough>();
    for (int i = 0; i < windows && length > 0; i++) {
      double lo = from + i * length;
      double hi = lo + length;
      samples.stream().filter(s -> s.seconds() >= lo && s.seconds() < hi && s.lag() >= 0)
          .min(Comparator.comparingLong(LagSampler.Sample::lag))
          .ifPresent(min -> troughs.add(new Trough(min.seconds(), min.lag())));
    }
    return new LagTrend(troughs);
  }

  /**
   * Records per second the troughs grow by: the median of the slopes between every two troughs
   * (Theil-Sen), which one lucky or unlucky trough cannot move far; 0 with fewer than two troughs.
   */
  double slope() {
    var slopes = new ArrayList<Double>();
    for (int i = 0; i < troughs.size(); i++) {
      for (int j = i + 1; j < troughs.size(); j++) {
        double dt = troughs.get(j).seconds() - troughs.get(i).seconds();
        if (dt > 0) {
          slopes.add((troughs.get(j).lag() - troughs.get(i).lag()) / dt);
        }
      }
    }
    if (slopes.isEmpty()) {
      return 0;
    }
    slopes.sort(null);
    int n = slopes.size();
    return n % 2 == 1 ? slopes.get(n / 2) : (slopes.get(n / 2 - 1) + slopes.get(n / 2)) / 2;
  }

  /** The trend over the span of the troughs, in records. */
  double growth() {
    return troughs.size() < 2 ? 0 : slope() * (troughs.get(troughs.size() - 1).seconds() - troughs.get(0).seconds());
  }

  /** At least two troughs, and the trend grew by no more than one second's worth of changes. */
  boolean bounded(double changesPerSecond) {
    return troughs.size() >= 2 && growth() <= changesPerSecond;
  }
}
