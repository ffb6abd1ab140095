package dev.denorm.app;

import dev.denorm.config.AppConfig;
import dev.denorm.config.StackSettings;
import dev.denorm.verify.DocumentSource;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.TopicDocuments;
import dev.denorm.verify.Verifier;
import java.io.PrintStream;
import java.sql.DriverManager;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code verify}: compares the documents of a running deployment with the oracle computed on its
 * source database. Needs denorm.stack.postgres.url and, for the search engine, denorm.sink.hosts.
 */
final class VerifyCommand implements Callable<Integer> {

  private final AppConfig config;
  private final PrintStream out;
  private final String source;

  VerifyCommand(AppConfig config, PrintStream out, String source) {
    this.config = config;
    this.out = out;
    this.source = source;
  }

  @Override
  public Integer call() throws Exception {
    if (!source.equals("search") && !source.equals("topics")) {
      throw new CommandLine.UsageException("--source must be search or topics, got: " + source);
    }
    var s = config.stack();
    var jdbcUrl = s.postgresUrl().orElseThrow(() -> new ConfigException(StackSettings.POSTGRES_URL
        + " must name the source database to verify against (jdbc:postgresql://host:port/db)"));
    java.sql.Connection database;
    try {
      database = DriverManager.getConnection(jdbcUrl, s.postgresUser(), s.postgresPassword().value());
    } catch (java.sql.SQLException e) {
      throw new Unusable("cannot connect to PostgreSQL at " + jdbcUrl + " (" + e.getMessage() + "); check "
          + StackSettings.POSTGRES_URL + ", the user and the password");
    }
    try (database; var documents = documentSource()) {
      out.println("Comparing " + documents.describe() + " with the oracle on " + jdbcUrl);
      java.util.List<IndexReport> reports;
      try {
        long[] lastShown = {System.nanoTime()};
        reports = Verifier.verify(database, documents, config.indexes(), (index, compared) -> {
          if (System.nanoTime() - lastShown[0] >= 5_000_000_000L) {
            lastShown[0] = System.nanoTime();
            out.printf("  %s: %,d documents compared%n", index, compared);
          }
        });
      } catch (java.io.IOException e) {
        throw new Unusable("cannot read the documents from " + documents.describe() + " (" + e + ")");
      }
      reports.forEach(r -> out.print(r.describe(20)));
      boolean ok = Verifier.allMatch(reports);
      out.println(ok ? "All documents match the oracle." : "DIFFERENCES FOUND in "
          + reports.stream().filter(r -> !r.matches()).map(IndexReport::index).toList());
      return ok ? 0 : 1;
    }
  }

  /** verify cannot do its work (an unreachable database or engine): exit 2 with this one line. */
  static final class Unusable extends RuntimeException {
    Unusable(String message) {
      super(message);
    }
  }

  private DocumentSource documentSource() {
    return switch (source) {
      case "search" -> new SearchDocuments(config.stack().searchUrl().orElseThrow(() -> new ConfigException(
          dev.denorm.config.SinkSettings.HOSTS + " must name the search engine to verify (http://host:9200)")));
      case "topics" -> new TopicDocuments(config.streamsProperties().getProperty("bootstrap.servers"),
          config.topology(), config.indexes());
      default -> throw new CommandLine.UsageException("--source must be search or topics, got: " + source);
    };
  }
}
