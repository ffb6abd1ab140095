package dev.denorm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Compares every index with what its oracle SQL says; an index without one is reported as not
 * verified. Both sides stream: the oracle through a cursor, the documents in batches of
 * {@value #BATCH} fetched by id, then the source's ids once for the extra ones. Memory holds one
 * batch, a bit per expected id (numeric ids; a set of strings otherwise) and the differences found.
 */
public final class Verifier {

  static final int BATCH = 1000;

  private Verifier() {}

  public static List<IndexReport> verify(Connection database, DocumentSource source, Indexes indexes)
      throws SQLException, IOException {
    return verify(database, source, indexes, (index, compared) -> { });
  }

  /** As above; {@code progress} hears (index, documents compared so far) after every batch. */
  public static List<IndexReport> verify(Connection database, DocumentSource source, Indexes indexes,
      BiConsumer<String, Long> progress) throws SQLException, IOException {
    var reports = new LinkedHashMap<String, IndexReport>();
    OracleQuery.forEach(database, indexes, new OracleQuery.Visitor() {
      private IndexComparison current;

      @Override
      public void index(DocumentIndex<?> index) {
        current = new IndexComparison(index.name(), source, progress);
      }

      @Override
      public void document(String id, JsonNode document) throws IOException {
        current.expect(id, document);
      }

      @Override
      public void end(DocumentIndex<?> index) throws IOException {
        reports.put(index.name(), current.finish());
      }
    });
    var all = new ArrayList<IndexReport>();
    for (var index : indexes.all()) {
      var report = reports.get(index.name());
      all.add(report != null ? report : IndexReport.unverified(index.name(), index.getClass().getSimpleName() + ".sql"));
    }
    return all;
  }

  public static boolean allMatch(List<IndexReport> reports) {
    return reports.stream().allMatch(IndexReport::matches);
  }

  /** One index: expected documents in, a batch at a time compared with the source's. */
  private static final class IndexComparison {
    private final String index;
    private final DocumentSource source;
    private final BiConsumer<String, Long> progress;
    private final Map<String, JsonNode> batch = new LinkedHashMap<>();
    private final ExpectedIds expectedIds = new ExpectedIds();
    private final TreeSet<String> missing = new TreeSet<>();
    private final TreeMap<String, List<String>> different = new TreeMap<>();
    private long compared;

    IndexComparison(String index, DocumentSource source, BiConsumer<String, Long> progress) {
      this.index = index;
      this.source = source;
      this.progress = progress;
    }

    void expect(String id, JsonNode document) throws IOException {
      expectedIds.add(id);
      batch.put(id, document);
      if (batch.size() >= BATCH) {
        compareBatch();
      }
    }

    private void compareBatch() throws IOException {
      var actual = source.documents(index, batch.keySet());
      batch.forEach((id, expected) -> {
        var doc = actual.get(id);
        if (doc == null) {
          missing.add(id);
        } else {
          var diffs = DocumentComparator.differences(expected, doc);
          if (!diffs.isEmpty()) {
            different.put(id, diffs);
          }
        }
      });
      compared += batch.size();
      batch.clear();
      progress.accept(index, compared);
    }

    IndexReport finish() throws IOException {
      if (!batch.isEmpty()) {
        compareBatch();
      }
      var extra = new TreeSet<String>();
      source.ids(index, id -> {
        if (!expectedIds.contains(id)) {
          extra.add(id);
        }
      });
      return new IndexReport(index, (int) compared, missing, extra, different, null);
    }
  }
}
