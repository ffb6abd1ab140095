package dev.denorm.verify;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares every index with its oracle: the oracle's indexes plus the given ones (which may be empty). */
public final class Verifier {

  private Verifier() {}

  public static List<IndexReport> verify(Connection database, DocumentSource source, List<String> indexes)
      throws SQLException, IOException {
    var expected = OracleQuery.expected(database);
    var names = new TreeSet<>(expected.keySet());
    names.addAll(indexes);
    var reports = new ArrayList<IndexReport>();
    for (var index : names) {
      reports.add(IndexReport.compare(index, expected.getOrDefault(index, Map.of()), source.documents(index)));
    }
    return reports;
  }

  public static boolean allMatch(List<IndexReport> reports) {
    return reports.stream().allMatch(IndexReport::matches);
  }
}
