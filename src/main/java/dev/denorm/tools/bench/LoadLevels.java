package dev.denorm.tools.bench;

import java.util.Locale;
import dev.denorm.config.Endpoints;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background load levels, stepped up: each runs for a minute (a few seconds with --quick) while
 * the freshness probes run and the app's lag is sampled every second. A level is bounded when the
 * trend of the lag's troughs from 15 s on grows by at most one second's worth of changes over the
 * level ({@link LagTrend}); stepping stops at the first unbounded level. Also the engine writes per committed change at each level, and the engine's
 * indexing and merge time during it, and where the cores went ({@link CpuSplit}). Before them, a
 * load of one table alone ({@link #ordersStatusOnly}): the same figures for orders.status updates.
 */
final class LoadLevels {

  private final Endpoints endpoints;
  private final AppCpu app;
  private final Search search;
  private final Offsets offsets;
  private final List<String> changeTopics;
  private final ShopSize size;
  private final BenchOptions options;
  private final Report report;
  private final FreshnessProbe.Target[] targets;
  private final AtomicLong nextLineId;

  LoadLevels(Endpoints endpoints, AppCpu app, Search search, Offsets offsets, List<String> changeTopics, ShopSize size,
      BenchOptions options, Report report, FreshnessProbe.Target... targets) {
    this.endpoints = endpoints;
    this.app = app;
    this.search = search;
    this.offsets = offsets;
    this.changeTopics = changeTopics;
    this.size = size;
    this.options = options;
    this.report = report;
    this.targets = targets;
    this.nextLineId = new AtomicLong(size.lines() + 1L);
  }

  /** Runs the levels; returns the highest bounded rate achieved (0 if none). */
  double run(int reservedOrders) throws Exception {
    double highest = 0;
    String stoppedAt = null;
    for (int rate : options.levels()) {
      String phase = "load " + rate + "/s";
      if (stoppedAt != null) {
        report.fail(phase, "level", "skipped: " + stoppedAt + " was not bounded");
        continue;
      }
      awaitCaughtUp(Duration.ofSeconds(options.quick() ? 20 : 30));
      Progress.line("%s: starting", phase);
      boolean bounded = level(phase, rate, reservedOrders, LoadGenerator.Mix.SHOP, options.levelSeconds(),
          options.loadProbes(), targets);
      if (bounded) {
        highest = Math.max(highest, report.value(phase, "achieved rate").orElse(0.0));
      } else {
        stoppedAt = phase;
      }
    }
    return highest;
  }

  /**
   * One table's load, as issue 29 measured it: orders.status updates alone (1 000/s for 30 s, each
   * its own transaction), with the freshness of orders.status probed all along. Reported as a
   * level; whether its lag was bounded is reported, not used.
   */
  void ordersStatusOnly(int reservedOrders, FreshnessProbe.Target orders) throws Exception {
    int rate = options.ordersStatusRate();
    String phase = "load orders.status " + rate + "/s";
    awaitCaughtUp(Duration.ofSeconds(options.quick() ? 20 : 30));
    Progress.line("%s: starting", phase);
    level(phase, rate, reservedOrders, LoadGenerator.Mix.ORDERS_STATUS, options.ordersStatusSeconds(),
        options.ordersStatusProbes(), orders);
  }

  private boolean level(String phase, int rate, int reservedOrders, LoadGenerator.Mix mix, int seconds, int probes,
      FreshnessProbe.Target... probed) throws Exception {
    long writesBefore = search.writes(Search.INDEXES);
    var engineBefore = search.engineTimes(Search.INDEXES);
    var cpuBefore = CpuSplit.read(app);
    var probe = new FreshnessProbe(endpoints, search);
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    var load = new LoadGenerator(size, reservedOrders, nextLineId, mix);
    try (var lag = new LagSampler(offsets, "denorm", changeTopics)) {
      try (load) {
        load.start(endpoints, rate);
        for (var target : probed) {
          var bound = Duration.ofSeconds(30);
          FreshnessProbe.report(report, phase, target.label(), probe.run(target, phase.replace(' ', '-') + "-"
              + target.index(), probes, 5, bound));
        }
        long remaining = deadline - System.nanoTime();
        if (remaining > 0) {
          Thread.sleep(remaining / 1_000_000); // the level runs for its whole duration
        }
      }
      var cpu = CpuSplit.between(cpuBefore, CpuSplit.read(app));
      double achieved = load.achieved();
      long writes = search.writes(Search.INDEXES) - writesBefore;
      report.add(phase, "achieved rate", achieved, "changes/s", String.format(Locale.ROOT, "%d changes committed in"
          + " %.1f s", load.committed(), load.seconds()) + (load.failed() > 0 ? ", " + load.failed() + " failed" : ""));
      report.add(phase, "writes per change", load.committed() == 0 ? 0 : (double) writes / load.committed(),
          "writes/change", writes + " engine writes (index + delete) during the level");
      var engineAfter = search.engineTimes(Search.INDEXES);
      for (String time : List.of("indexing ms", "merge ms")) {
        report.add(phase, "engine " + time, engineAfter.get(time) - engineBefore.get(time), "ms",
            "on the primaries of the three indexes, during the level");
      }
      cpu.report(report, phase, load.committed(), app);
      // troughs over a window longer than the commit interval (lag is read from committed offsets)
      double window = options.lagWindowSeconds();
      double ref = options.lagReferenceSeconds();
      double endAt = lag.last().seconds();
      long reference = lag.min(ref, ref + window);
      long end = lag.min(endAt - window, endAt + 1);
      var trend = LagTrend.of(lag.samples(), ref, window);
      boolean bounded = trend.bounded(achieved);
      report.add(phase, "lag after " + (int) ref + " s", reference, "records", "least in the " + (int) window + " s after");
      report.add(phase, "lag trend", trend.slope(), "records/s", String.format(Locale.ROOT,
          "Theil-Sen trend of the troughs of %d windows of %d s from %d s: %+.0f records over the level",
          trend.troughs().size(), (int) window, (int) ref, trend.growth()));
      report.add(phase, "lag at the end", end, "records", (bounded ? "bounded" : "not bounded")
          + "; least in the last " + (int) window + " s");
      return bounded;
    }
  }

  /** Waits (bounded) until the app has consumed the change topics, so a level starts from no backlog. */
  private void awaitCaughtUp(Duration bound) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    long lag;
    while ((lag = offsets.lag("denorm", changeTopics)) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200); // polling interval of a bounded wait
    }
    if (lag > 0) {
      Progress.line("the app still lags %d records after %s; starting the next level anyway", lag, bound);
    }
  }
}
