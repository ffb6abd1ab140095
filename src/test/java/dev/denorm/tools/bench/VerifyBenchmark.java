package dev.denorm.tools.bench;

import dev.denorm.index.Indexes;
import org.awaitility.Awaitility;
import java.sql.Connection;
import dev.denorm.app.DenormApp;
import dev.denorm.config.AppConfig;
import dev.denorm.tools.stack.Stack;
import dev.denorm.testkit.TempDirs;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.OracleQuery;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.Verifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * verify at the bench's scale, before and after the streaming comparison, in one run: the shop
 * generated with COPY, indexed by the application, then alternating rounds of the earlier
 * whole-in-memory comparison (every expected and actual document in maps) and of {@link Verifier}.
 * {@code mvn -q -B test-compile exec:exec@verify-benchmark -Dscale=10}.
 */
public final class VerifyBenchmark {

  private VerifyBenchmark() {}

  public static void main(String[] args) throws Exception {
    double scale = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    var size = ShopSize.of(scale);
    var config = AppConfig.from(Map.of("denorm.http.port", "-1"));
    var state = TempDirs.create("denorm-verify-bench-");
    try (var stack = Stack.start(config, e -> {
          try (var c = e.connect()) {
            new ShopCopyGenerator(size).fill(c);
          }
        });
        var app = DenormApp.start(config, stack.endpoints(), Optional.of(state));
        var search = new Search(stack.endpoints().searchUrl())) {
      Awaitility.await("every document indexed").atMost(Duration.ofMinutes(15))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> search.count("products") + search.count("customers") + search.count("orders") >= size.documents());
      System.out.printf("%d documents indexed; rounds of both comparisons follow%n", size.documents());
      var rows = new ArrayList<String>();
      for (int round = 1; round <= 2; round++) {
        for (boolean streaming : new boolean[] {false, true}) {
          long start = System.nanoTime();
          List<IndexReport> reports;
          try (var c = stack.endpoints().connect(); var source = new SearchDocuments(stack.endpoints().searchUrl())) {
            reports = streaming ? Verifier.verify(c, source, Indexes.of(config)) : inMemory(c, source, config);
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          rows.add(String.format(Locale.ROOT, "| %d | %s | %.1f s | %d | %s |", round,
              streaming ? "streaming (Verifier)" : "in memory (before)", seconds,
              reports.stream().mapToInt(IndexReport::expectedCount).sum(), Verifier.allMatch(reports) ? "equal" : "DIFFERENT"));
          System.out.println(rows.get(rows.size() - 1));
        }
      }
      System.out.println("| round | comparison | time | documents | result |");
      System.out.println("| ---: | --- | ---: | ---: | --- |");
      rows.forEach(System.out::println);
    } finally {
      TempDirs.delete(state);
    }
  }

  /** The comparison as it was: every expected and every actual document loaded, then compared. */
  private static List<IndexReport> inMemory(Connection c, SearchDocuments source, AppConfig config)
      throws Exception {
    var expected = OracleQuery.expected(c, Indexes.of(config));
    var reports = new ArrayList<IndexReport>();
    for (var index : Indexes.of(config).all()) {
      reports.add(IndexReport.compare(index.name(), expected.get(index.name()), source.documents(index.name())));
    }
    return reports;
  }
}
