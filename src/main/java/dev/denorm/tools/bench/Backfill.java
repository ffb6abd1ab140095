package dev.denorm.tools.bench;

import java.util.stream.Stream;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The app indexing the snapshot: polls every index's {@code _count} every 100 ms from the
 * connector's registration until each equals the expected count, and reports the time to the
 * first searchable document, to completion, and docs/s per index and overall after the first one.
 * Once a second it also notes where the rows are (a progress line and a row of
 * {@code backfill-timeline.csv}): the change topics' end offsets (captured), the document topics'
 * end offsets (emitted) and the counts (searchable), so the stage that holds a backfill back shows.
 */
final class Backfill {

  private static final String PHASE = "backfill";
  private final Search search;
  /** Index name to the documents it holds when the backfill is done, in the order reported. */
  private final Map<String, Long> expected;
  private final Report report;
  private final Offsets offsets;
  private final Collection<String> changeTopics;
  private final Collection<String> documentTopics;
  /** Both, to read their end offsets in one request a second. */
  private final List<String> both;
  private final StringBuilder timeline;

  Backfill(Search search, Map<String, Long> expected, Report report, Offsets offsets, Collection<String> changeTopics,
      Collection<String> documentTopics) {
    this.search = search;
    this.expected = new LinkedHashMap<>(expected);
    this.timeline = new StringBuilder("seconds,captured,emitted," + String.join(",", expected.keySet()) + "\n");
    this.report = report;
    this.offsets = offsets;
    this.changeTopics = List.copyOf(changeTopics);
    this.documentTopics = List.copyOf(documentTopics);
    this.both = Stream.concat(changeTopics.stream(), documentTopics.stream()).toList();
  }

  /** One row a second: seconds since registration, change and document records, counts per index. */
  String timeline() {
    return timeline.toString();
  }

  /** Returns the overall docs/s, or -1 if the backfill did not complete within the bound. */
  double measure(long registeredNanos, Duration bound, AppCpu app) throws Exception {
    long first = -1;
    var firstOf = new LinkedHashMap<String, Long>();
    var doneAt = new LinkedHashMap<String, Long>();
    var counts = new LinkedHashMap<String, Long>();
    long deadline = registeredNanos + bound.toNanos();
    long nextNote = registeredNanos;
    while (doneAt.size() < expected.size()) {
      long now = System.nanoTime();
      if (now >= nextNote) {
        note(seconds(registeredNanos, now), counts);
        nextNote = now + 1_000_000_000L;
      }
      for (var index : expected.keySet()) {
        if (doneAt.containsKey(index)) {
          continue;
        }
        long n = search.count(index);
        counts.put(index, n);
        if (n > 0) {
          firstOf.putIfAbsent(index, now);
          first = first < 0 ? now : first;
        }
        if (n == expected.get(index)) {
          doneAt.put(index, now);
        }
      }
      if (now > deadline || !app.alive()) {
        report.fail(PHASE, "all documents searchable", (app.alive() ? "not within " + bound : "the app (an instance of it) exited")
            + "; counts " + counts + " of " + expected);
        break;
      }
      Thread.sleep(100); // the poll interval of the measurement
    }
    if (first < 0) {
      report.fail(PHASE, "first document searchable", "no document appeared");
      return -1;
    }
    report.add(PHASE, "first document searchable", seconds(registeredNanos, first), "s", "since connector registration");
    // per index: which comes first follows the order in which the connector snapshots the tables
    for (var index : expected.keySet()) {
      if (firstOf.containsKey(index)) {
        report.add(PHASE, index + " first searchable", seconds(registeredNanos, firstOf.get(index)), "s",
            "since connector registration");
      }
      if (doneAt.containsKey(index)) {
        report.add(PHASE, index + " all searchable", seconds(registeredNanos, doneAt.get(index)), "s",
            expected.get(index) + " documents, since connector registration");
      }
    }
    if (doneAt.size() < expected.size()) {
      return -1;
    }
    long documents = expected.values().stream().mapToLong(Long::longValue).sum();
    long last = doneAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    report.add(PHASE, "all documents searchable", seconds(registeredNanos, last), "s",
        documents + " documents, since connector registration");
    for (var index : expected.keySet()) {
      report.add(PHASE, index + " docs/s", expected.get(index) / Math.max(0.1, seconds(firstOf.get(index),
          doneAt.get(index))), "docs/s", expected.get(index) + " documents, after its first one");
    }
    double overall = documents / Math.max(0.1, seconds(first, last));
    report.add(PHASE, "overall docs/s", overall, "docs/s", "after the first document");
    return overall;
  }

  private void note(double seconds, Map<String, Long> counts) throws Exception {
    var ends = offsets.endOffsetsByTopic(both);
    long captured = changeTopics.stream().mapToLong(t -> ends.getOrDefault(t, 0L)).sum();
    long emitted = documentTopics.stream().mapToLong(t -> ends.getOrDefault(t, 0L)).sum();
    timeline.append(String.format(Locale.ROOT, "%.1f,%d,%d", seconds, captured, emitted));
    for (var index : expected.keySet()) {
      timeline.append(',').append(counts.getOrDefault(index, 0L));
    }
    timeline.append('\n');
    Progress.line("backfill at %.0f s: %d change records captured, %d documents emitted, searchable %s", seconds,
        captured, emitted, counts);
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }
}
