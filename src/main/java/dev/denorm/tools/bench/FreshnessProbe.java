package dev.denorm.tools.bench;

import dev.denorm.config.Endpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Commit-to-searchable latency of single-row updates, measured from outside: UPDATE one row
 * (autocommit), then poll {@code _search} with an {@code ids} query every 10 ms until the new
 * value is returned. Updates go at a fixed rate; all probes in flight share one poll request.
 */
final class FreshnessProbe {

  /** What is changed and where it shows: a column of a table, seen as a field of an index. */
  record Target(String label, String table, String column, String index, long[] ids, String changeTopic,
      String documentTopic) {}

  /**
   * A probe whose value was seen: its row, and the wall-clock ms of its commit, of the first
   * real-time get that returned it (0 if none did before the search) and of its sighting.
   */
  record Seen(long id, long committedMs, long indexedMs, long seenMs) {}

  /**
   * Latencies in ms of the probes whose value was seen, how many were not within the bound, and
   * where their time went (null if the topics could not be read).
   */
  record Result(double[] latenciesMs, int unseen, StageTimes.Stages stages) {

    double percentile(double p) {
      return FreshnessProbe.percentile(latenciesMs, p);
    }
  }

  static double percentile(double[] values, double p) {
    var sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }

  private static final class Pending {
    final String value;
    final long committed;
    final long committedMs;
    long indexedMs;

    Pending(String value, long committed, long committedMs) {
      this.value = value;
      this.committed = committed;
      this.committedMs = committedMs;
    }
  }

  private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();
  private final Endpoints endpoints;
  private final Search search;

  FreshnessProbe(Endpoints endpoints, Search search) {
    this.endpoints = endpoints;
    this.search = search;
  }

  Result run(Target target, String tag, int count, double perSecond, Duration bound) throws Exception {
    var pending = new LinkedHashMap<String, Pending>();
    var latencies = new ArrayList<Double>();
    var seenProbes = new ArrayList<Seen>();
    var stages = new StageTimes(endpoints.bootstrapServers(), target.changeTopic(), target.documentTopic());
    stages.mark();
    int unseen = 0;
    long period = (long) (1e9 / perSecond);
    try (var c = endpoints.connect();
         var update = c.prepareStatement("UPDATE shop." + target.table() + " SET " + target.column()
             + " = ? WHERE id = ?")) {
      long nextUpdate = System.nanoTime();
      int sent = 0;
      while (sent < count || !pending.isEmpty()) {
        long now = System.nanoTime();
        if (sent < count && now >= nextUpdate) {
          long id = target.ids()[sent % target.ids().length];
          String value = tag + "-" + sent;
          update.setString(1, value);
          update.setLong(2, id);
          update.executeUpdate();
          pending.put(Long.toString(id), new Pending(value, System.nanoTime(), System.currentTimeMillis()));
          sent++;
          nextUpdate += period;
        }
        long polled = System.nanoTime();
        if (!pending.isEmpty()) {
          var notIndexed = pending.entrySet().stream().filter(e -> e.getValue().indexedMs == 0).map(Map.Entry::getKey)
              .toList();
          if (!notIndexed.isEmpty()) {
            var docs = search.byIdsRealtime(target.index(), notIndexed, target.column());
            long indexedMs = System.currentTimeMillis();
            for (var doc : docs) {
              var p = pending.get(doc.path("_id").asText());
              if (p != null && p.value.equals(doc.path("_source").path(target.column()).asText())) {
                p.indexedMs = indexedMs;
              }
            }
          }
          var hits = search.byIds(target.index(), pending.keySet(), target.column());
          long seen = System.nanoTime();
          long seenMs = System.currentTimeMillis();
          for (var hit : hits) {
            var p = pending.get(hit.path("_id").asText());
            if (p != null && p.value.equals(hit.path("_source").path(target.column()).asText())) {
              latencies.add((seen - p.committed) / 1e6);
              seenProbes.add(new Seen(Long.parseLong(hit.path("_id").asText()), p.committedMs, p.indexedMs, seenMs));
              pending.remove(hit.path("_id").asText());
            }
          }
          unseen += expire(pending, seen - bound.toNanos());
        }
        long wake = sent < count ? Math.min(nextUpdate, polled + POLL_NANOS) : polled + POLL_NANOS;
        LockSupport.parkNanos(wake - System.nanoTime()); // the 10 ms poll interval / the update rate
      }
    }
    return new Result(latencies.stream().mapToDouble(Double::doubleValue).toArray(), unseen, stages.of(seenProbes));
  }

  private static int expire(Map<String, Pending> pending, long committedBefore) {
    int before = pending.size();
    pending.values().removeIf(p -> p.committed < committedBefore);
    return before - pending.size();
  }

  /** Adds p50, p95, p99 and max of a result to the report. */
  static void report(Report report, String phase, String label, Result result) {
    int n = result.latenciesMs().length;
    if (n == 0) {
      report.fail(phase, label + " freshness", "no update seen within the bound (" + result.unseen() + " probes)");
      return;
    }
    String note = n + " of " + (n + result.unseen()) + " probes seen"
        + (result.unseen() > 0 ? "; " + result.unseen() + " not seen within the bound, left out" : "");
    report.add(phase, label + " p50", result.percentile(50), "ms", note);
    report.add(phase, label + " p95", result.percentile(95), "ms", "");
    report.add(phase, label + " p99", result.percentile(99), "ms", "");
    report.add(phase, label + " max", result.percentile(100), "ms", "");
    var stages = result.stages();
    if (stages.capture().length == 0) {
      report.fail(phase, label + " stages", "no probe's records found in its change and document topics");
      return;
    }
    String found = stages.capture().length + " of " + n + " probes found in both topics";
    stage(report, phase, label + " commit to change topic", stages.capture(), found);
    stage(report, phase, label + " change topic to document topic", stages.assemble(), "");
    stage(report, phase, label + " document topic to indexed", stages.sink(), "indexed: returned by a real-time _mget");
    stage(report, phase, label + " indexed to searchable", stages.refresh(), "");
  }

  private static void stage(Report report, String phase, String label, double[] values, String note) {
    report.add(phase, label + " p50", percentile(values, 50), "ms", note);
    report.add(phase, label + " p99", percentile(values, 99), "ms", "");
  }
}
