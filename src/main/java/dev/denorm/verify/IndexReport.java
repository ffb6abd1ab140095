package dev.denorm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The comparison of one index: ids the oracle has and the index lacks (missing), ids the index
 * has and the oracle lacks (extra), and ids whose documents differ, with their differences.
 * {@code expectedCount} -1: not verified, the index has no oracle SQL ({@code missingOracle} names it).
 */
public record IndexReport(String index, int expectedCount, TreeSet<String> missing, TreeSet<String> extra,
    TreeMap<String, List<String>> different, String missingOracle) {

  /** An index that has no oracle SQL: nothing to compare it with, so nothing is claimed about it. */
  public static IndexReport unverified(String index, String oracleFile) {
    return new IndexReport(index, -1, new TreeSet<>(), new TreeSet<>(), new TreeMap<>(), oracleFile);
  }

  public static IndexReport compare(String index, Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
    var missing = new TreeSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    var extra = new TreeSet<>(actual.keySet());
    extra.removeAll(expected.keySet());
    var different = new TreeMap<String, List<String>>();
    expected.forEach((id, doc) -> {
      if (actual.containsKey(id)) {
        var diffs = DocumentComparator.differences(doc, actual.get(id));
        if (!diffs.isEmpty()) {
          different.put(id, diffs);
        }
      }
    });
    return new IndexReport(index, expected.size(), missing, extra, different, null);
  }

  public boolean matches() {
    return missing.isEmpty() && extra.isEmpty() && different.isEmpty();
  }

  /** A summary of at most {@code limit} ids per kind. */
  public String describe(int limit) {
    var sb = new StringBuilder();
    if (missingOracle != null) {
      return String.format("%-10s NOT VERIFIED: no oracle SQL (%s next to the index class)%n", index, missingOracle);
    }
    sb.append(String.format("%-10s %6d expected  %s%n", index, expectedCount,
        matches() ? "OK" : "missing " + missing.size() + ", extra " + extra.size() + ", different " + different.size()));
    if (!missing.isEmpty()) {
      sb.append("  missing ids:   ").append(first(missing, limit)).append(System.lineSeparator());
    }
    if (!extra.isEmpty()) {
      sb.append("  extra ids:     ").append(first(extra, limit)).append(System.lineSeparator());
    }
    different.entrySet().stream().limit(limit).forEach(e ->
        sb.append("  different id ").append(e.getKey()).append(": ")
            .append(String.join("; ", e.getValue().stream().limit(5).toList())).append(System.lineSeparator()));
    return sb.toString();
  }

  private static String first(TreeSet<String> ids, int limit) {
    var shown = ids.stream().limit(limit).toList();
    return String.join(", ", shown) + (ids.size() > limit ? ", ... (" + ids.size() + " in all)" : "");
  }
}
