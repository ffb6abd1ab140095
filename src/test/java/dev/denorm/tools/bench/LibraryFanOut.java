package dev.denorm.tools.bench;

import static org.awaitility.Awaitility.await;

import dev.denorm.config.Endpoints;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A middle-level fan-out in the library: one country is renamed, and the change reaches documents through
 * two levels of lookups, country &lt;- publisher &lt;- edition: every library-books document with an edition
 * of a publisher of that country, and every library-authors document with such an active edition of one of
 * its books (one level deeper). Reports, per index, the seconds from the UPDATE's commit until every affected
 * document shows the new name (a nested query's count equals the oracle's), and the engine writes and the
 * document-topic records per affected document, read once the document topics have been quiet for two
 * seconds, so that a second write of a document would be counted.
 */
final class LibraryFanOut {

  private static final String PHASE = "fan-out";
  private static final long QUIET_NANOS = 2_000_000_000L;
  private final Endpoints endpoints;
  private final Search search;
  private final Offsets offsets;
  private final Report report;

  LibraryFanOut(Endpoints endpoints, Search search, Offsets offsets, Report report) {
    this.endpoints = endpoints;
    this.search = search;
    this.offsets = offsets;
    this.report = report;
  }

  /** Where the country's name is in each index's documents, and how many documents show it (the oracle's). */
  record Reach(String index, String documentTopic, long documents, String nestedQuery) {

    String query(String name) {
      return nestedQuery.replace("{name}", name);
    }
  }

  /** The two indexes a country rename reaches: books through editions, authors through books and editions. */
  static List<Reach> reaches(Map<String, Long> books, Map<String, Long> authors, String country,
      Map<String, String> documentTopics) {
    return List.of(
        new Reach("library-books", documentTopics.get("library-books"), books.getOrDefault(country, 0L),
            "{\"nested\":{\"path\":\"editions\",\"query\":{\"term\":{\"editions.publisher.country\":\"{name}\"}}}}"),
        new Reach("library-authors", documentTopics.get("library-authors"), authors.getOrDefault(country, 0L),
            "{\"nested\":{\"path\":\"books\",\"query\":{\"nested\":{\"path\":\"books.editions\",\"query\":"
                + "{\"term\":{\"books.editions.publisher.country.name\":\"{name}\"}}}}}}"));
  }

  void run(String country, List<Reach> reaches, Duration bound) throws Exception {
    var indexes = reaches.stream().map(Reach::index).toList();
    var topics = reaches.stream().map(Reach::documentTopic).toList();
    long[] writesBefore = new long[reaches.size()];
    for (int i = 0; i < reaches.size(); i++) {
      writesBefore[i] = search.writes(List.of(indexes.get(i)));
    }
    var recordsBefore = offsets.endOffsetsByTopic(topics);
    String name = "renamed-" + System.nanoTime();
    long committed;
    try (var c = endpoints.connect(); var st = c.prepareStatement("UPDATE library.countries SET name = ? WHERE name = ?")) {
      st.setString(1, name);
      st.setString(2, country);
      if (st.executeUpdate() != 1) {
        throw new IllegalStateException("no country named " + country);
      }
      committed = System.nanoTime();
    }
    long deadline = committed + bound.toNanos();
    var visibleAt = new LinkedHashMap<String, Long>();
    try {
      await().atMost(until(deadline)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
        for (var reach : reaches) {
          if (!visibleAt.containsKey(reach.index()) && search.count(reach.index(), reach.query(name)) >= reach.documents()) {
            visibleAt.put(reach.index(), System.nanoTime());
          }
        }
        return visibleAt.size() == reaches.size();
      });
    } catch (ConditionTimeoutException e) {
      report.fail(PHASE, "rename visible in all affected documents", "only " + visibleAt.keySet() + " within " + bound);
      return;
    }
    var records = quietEndOffsets(topics, deadline);
    long affected = 0;
    long writes = 0;
    for (int i = 0; i < reaches.size(); i++) {
      var reach = reaches.get(i);
      long indexWrites = search.writes(List.of(reach.index())) - writesBefore[i];
      long topicRecords = records.getOrDefault(reach.documentTopic(), 0L) - recordsBefore.getOrDefault(reach.documentTopic(), 0L);
      affected += reach.documents();
      writes += indexWrites;
      report.add(PHASE, reach.index() + ": rename visible in all", seconds(committed, visibleAt.get(reach.index())), "s",
          reach.documents() + " documents, commit to the last one searchable");
      report.add(PHASE, reach.index() + ": writes per affected document", perDocument(indexWrites, reach.documents()),
          "writes/doc", indexWrites + " engine writes; " + topicRecords + " document-topic records");
    }
    long last = visibleAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    report.add(PHASE, "rename visible in all affected documents", seconds(committed, last), "s",
        affected + " documents in " + String.join(" and ", indexes));
    report.add(PHASE, "writes per affected document", perDocument(writes, affected), "writes/doc",
        writes + " engine writes on " + String.join(" and ", indexes) + "; target at most 1.0");
  }

  /** The topics' end offsets once they have not moved for two seconds (or at the deadline). */
  private Map<String, Long> quietEndOffsets(List<String> topics, long deadline) throws Exception {
    var ends = new AtomicReference<>(offsets.endOffsetsByTopic(topics));
    var quietSince = new AtomicLong(System.nanoTime());
    try {
      await().atMost(until(deadline)).pollInterval(Duration.ofMillis(200)).until(() -> {
        var now = offsets.endOffsetsByTopic(topics);
        if (!now.equals(ends.get())) {
          ends.set(now);
          quietSince.set(System.nanoTime());
        }
        return System.nanoTime() - quietSince.get() >= QUIET_NANOS;
      });
    } catch (ConditionTimeoutException e) {
      // the deadline came first: the offsets as last read
    }
    return ends.get();
  }

  /** What is left until {@code deadline} (System.nanoTime), at least a millisecond. */
  private static Duration until(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
  }

  private static double perDocument(long writes, long documents) {
    return documents == 0 ? 0 : (double) writes / documents;
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }
}
