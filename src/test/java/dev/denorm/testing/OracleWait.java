package dev.denorm.testing;

import static org.awaitility.Awaitility.await;

import dev.denorm.app.DenormApp;
import dev.denorm.index.Indexes;
import dev.denorm.config.Endpoints;
import dev.denorm.verify.DocumentSource;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.Verifier;
import java.time.Duration;
import java.util.List;

/**
 * Waits, polling every second, until every document of the indexes in the source equals what
 * their oracle SQL says on the database; prints each try's reports; fails at once if the
 * application failed.
 */
public final class OracleWait {

  private OracleWait() {}

  public static List<IndexReport> until(DenormApp app, Endpoints endpoints, DocumentSource source, Indexes indexes,
      Duration timeout) {
    return await().atMost(timeout).pollInterval(Duration.ofSeconds(1))
        .failFast("application failed", app::failed)
        .until(() -> {
          try (var c = endpoints.connect()) {
            return Verifier.verify(c, source, indexes);
          }
        }, reports -> {
          reports.forEach(r -> System.out.print(r.describe(5)));
          return Verifier.allMatch(reports);
        });
  }
}
