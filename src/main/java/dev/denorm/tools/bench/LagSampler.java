package dev.denorm.tools.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The app's consumer-group lag on the change topics, sampled every second while a load runs. */
final class LagSampler implements AutoCloseable {

  /** One sample: seconds since the start, and the lag then. */
  record Sample(double seconds, long lag) {}

  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("bench-lag").factory());
  private final long start = System.nanoTime();

  LagSampler(Offsets offsets, String group, Collection<String> topics) {
    timer.scheduleAtFixedRate(() -> {
      try {
        long lag = offsets.lag(group, topics);
        synchronized (samples) {
          samples.add(new Sample((System.nanoTime() - start) / 1e9, lag));
        }
      } catch (Exception e) {
        Progress.line("lag sample failed: %s", e);
      }
    }, 0, 1, TimeUnit.SECONDS);
  }

  /**
   * The smallest lag sampled in [from, to) seconds: lag is measured on committed offsets, so it
   * saw-tooths with the commit interval; its troughs are what the app has really consumed.
   */
  long min(double from, double to) {
    synchronized (samples) {
      return samples.stream().filter(s -> s.seconds() >= from && s.seconds() < to && s.lag() >= 0)
          .mapToLong(Sample::lag).min().orElse(-1);
    }
  }

  /** The samples so far, oldest first. */
  List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  Sample last() {
    synchronized (samples) {
      return samples.isEmpty() ? new Sample(0, -1) : samples.get(samples.size() - 1);
    }
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
  }
}
