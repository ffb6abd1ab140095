package dev.denorm.status;

import java.util.List;
import dev.denorm.status.StatusReport.Bucket;
import dev.denorm.status.StatusReport.Freshness;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The freshness histogram over the last minutes: the registry's histogram is cumulative since
 * start, so each refresh keeps its bucket counts and the window is the difference between now and
 * the oldest kept. Quantiles are interpolated within a bucket, as Prometheus' histogram_quantile does.
 */
final class FreshnessWindow {

  /** Cumulative counts: {@code counts[i]} values at most {@code bounds[i]} seconds; {@code total} all of them. */
  record Cumulative(double[] bounds, double[] counts, long total) {

    /** What the timer's histogram holds now. */
    static Cumulative of(Timer timer) {
      var snapshot = timer.takeSnapshot();
      CountAtBucket[] buckets = snapshot.histogramCounts();
      double[] bounds = new double[buckets.length];
      double[] counts = new double[buckets.length];
      for (int i = 0; i < buckets.length; i++) {
        bounds[i] = buckets[i].bucket(TimeUnit.SECONDS);
        counts[i] = buckets[i].count();
      }
      return new Cumulative(bounds, counts, snapshot.count());
    }
  }

  private record Sample(long at, Cumulative histogram) {}

  private final long windowMs;
  private final Map<String, Deque<Sample>> byIndex = new HashMap<>();

  FreshnessWindow(long windowMs) {
    this.windowMs = windowMs;
  }

  void add(long at, String index, Cumulative histogram) {
    var samples = byIndex.computeIfAbsent(index, i -> new ArrayDeque<>());
    samples.addLast(new Sample(at, histogram));
    while (samples.size() > 1 && samples.peekFirst().at() < at - windowMs) {
      samples.removeFirst();
    }
  }

  /** How much time the window covers now (less than the window just after start). */
  long coveredMs(long now) {
    return byIndex.values().stream().filter(s -> !s.isEmpty()).mapToLong(s -> now - s.peekFirst().at()).max().orElse(0);
  }

  /** The histogram between the oldest and the newest sample of the index. */
  Freshness window(String index) {
    var samples = byIndex.get(index);
    if (samples == null || samples.size() < 2) {
      return Freshness.EMPTY;
    }
    var first = samples.peekFirst().histogram();
    var last = samples.peekLast().histogram();
    long total = last.total() - first.total();
    if (total <= 0 || first.bounds().length != last.bounds().length) {
      return Freshness.EMPTY;
    }
    double[] bounds = last.bounds();
    double[] cumulative = new double[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      cumulative[i] = last.counts()[i] - first.counts()[i];
    }
    return new Freshness(total, quantile(0.5, bounds, cumulative, total), quantile(0.99, bounds, cumulative, total),
        buckets(bounds, cumulative, total));
  }

  /** As Prometheus: the bucket holding rank q * total, linearly within it; the top bound beyond the last bucket. */
  static double quantile(double q, double[] bounds, double[] cumulative, long total) {
    double rank = q * total;
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative[i] >= rank) {
        double lower = i == 0 ? 0 : bounds[i - 1];
        double below = i == 0 ? 0 : cumulative[i - 1];
        double inBucket = cumulative[i] - below;
        return inBucket <= 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / inBucket;
      }
    }
    return bounds.length == 0 ? -1 : bounds[bounds.length - 1];
  }

  /** Per-bucket counts from the first to the last non-empty bucket (a compact histogram to draw). */
  private static List<Bucket> buckets(double[] bounds, double[] cumulative, long total) {
    var perBucket = new long[bounds.length + 1];
    double below = 0;
    for (int i = 0; i < bounds.length; i++) {
      perBucket[i] = Math.round(cumulative[i] - below);
      below = cumulative[i];
    }
    perBucket[bounds.length] = Math.round(total - below);
    int from = 0;
    while (from < perBucket.length && perBucket[from] == 0) {
      from++;
    }
    int to = perBucket.length - 1;
    while (to > from && perBucket[to] == 0) {
      to--;
    }
    var list = new ArrayList<Bucket>();
    for (int i = from; i <= to; i++) {
      list.add(new Bucket(i < bounds.length ? bounds[i] : -1, perBucket[i])); // -1: above the top bound
    }
    return list;
  }
}
