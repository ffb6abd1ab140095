package dev.denorm.verify;

import dev.denorm.index.Indexes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Compares every index with what its oracle SQL says; an index without one is reported as not verified. */
public final class Verifier {

  private Verifier() {}

  public static List<IndexReport> verify(Connection database, DocumentSource source, Indexes indexes)
      throws SQLException, IOException {
    var expected = OracleQuery.expected(database, indexes);
    var reports = new ArrayList<IndexReport>();
    for (var index : indexes.all()) {
      var oracle = expected.get(index.name());
      reports.add(oracle == null ? IndexReport.unverified(index.name(), index.getClass().getSimpleName() + ".sql")
          : IndexReport.compare(index.name(), oracle, source.documents(index.name())));
    }
    return reports;
  }

  public static boolean allMatch(List<IndexReport> reports) {
    return reports.stream().allMatch(IndexReport::matches);
  }
}
