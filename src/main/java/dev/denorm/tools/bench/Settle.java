package dev.denorm.tools.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * Waits until the system is idle before the idle-freshness probes: the engine has no merge in
 * progress (the backfill and the engine ceiling each write 65,000 documents, and OpenSearch merges
 * their segments for tens of seconds after) and the app used under a fifth of a core in the last
 * second. Without it the first probe set measures the tail of the ceiling's merges, not idle
 * freshness. Reports how long it waited; never fails the run (after the bound it goes on, noted).
 */
final class Settle {

  private static final double IDLE_CORES = 0.2;
  private final Search search;
  private final AppCpu app;

  Settle(Search search, AppCpu app) {
    this.search = search;
    this.app = app;
  }

  void await(Report report, Duration bound) throws IOException, InterruptedException {
    await(report, "freshness idle", "settle before the probes", bound);
  }

  /** As above, reported as figure {@code name} of {@code phase}. */
  void await(Report report, String phase, String name, Duration bound) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    double cpu = app.cpuSeconds();
    long at = start;
    boolean idle = false;
    while (!idle && System.nanoTime() < deadline) {
      Thread.sleep(1000); // the poll interval: CPU is sampled over one second
      double cpuNow = app.cpuSeconds();
      long now = System.nanoTime();
      double cores = (cpuNow - cpu) / ((now - at) / 1e9);
      cpu = cpuNow;
      at = now;
      idle = cores < IDLE_CORES && merges() == 0;
    }
    String note = idle ? "engine merges 0, app under " + IDLE_CORES + " cores"
        : "not idle within " + bound.toSeconds() + " s, measured anyway";
    report.add(phase, name, (System.nanoTime() - start) / 1e9, "s", note);
  }

  private long merges() throws IOException {
    long current = 0;
    for (var node : search.json("GET", "/_nodes/stats/indices/merge", null).path("nodes")) {
      current += node.path("indices").path("merges").path("current").asLong();
    }
    return current;
  }
}
