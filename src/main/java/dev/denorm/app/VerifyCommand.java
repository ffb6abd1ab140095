package dev.denorm.app;

import dev.denorm.index.Indexes;
import java.util.List;
import java.time.Duration;
import java.sql.SQLException;
import java.sql.Connection;
import java.io.IOException;
import dev.denorm.config.SinkSettings;
import dev.denorm.config.AppConfig;
import dev.denorm.config.KafkaClients;
import dev.denorm.config.Secrets;
import dev.denorm.verify.DocumentSource;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.Repair;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.TopicDocuments;
import dev.denorm.verify.Verifier;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.elasticsearch.client.ResponseException;

/**
 * {@code verify}: compares the documents of a running deployment with the oracle computed on its
 * source database. Needs denorm.stack.postgres.url and, for the search engine, denorm.sink.hosts.
 * With --repair (and bootstrap.servers, application.id of the running deployment), the differing
 * documents are re-emitted through the pipeline, and the comparison is made once more.
 */
final class VerifyCommand implements Callable<Integer> {

  /** How long a repair waits for the pipeline to re-emit and write the differing documents. */
  static final Duration REPAIR_TIMEOUT = Duration.ofMinutes(5);
  private final AppConfig config;
  private final PrintStream out;
  private final String source;
  private final boolean repair;

  VerifyCommand(AppConfig config, PrintStream out, String source, boolean repair) {
    this.config = config;
    this.out = out;
    this.source = source;
    this.repair = repair;
  }

  @Override
  public Integer call() throws Exception {
    if (!source.equals("search") && !source.equals("topics")) {
      throw new CommandLine.UsageException("--source must be search or topics, got: " + source);
    }
    if (repair && !source.equals("search")) {
      throw new CommandLine.UsageException("--repair repairs the search engine's documents: use it with --source search");
    }
    Connection database = SourceDatabase.connect(config);
    try (database; var documents = documentSource()) {
      out.println("Comparing " + documents.describe() + " with the oracle on "
          + Secrets.redact(config.stack().postgresUrl().orElseThrow()));
      var reports = compare(database, documents);
      if (repair && !Verifier.allMatch(reports)) {
        repair(reports);
        out.println("Comparing again after the repair");
        reports = compare(database, documents);
        if (!Verifier.allMatch(reports)) {
          out.println("Still different after the repair: the pipeline's own state differs for these (verify --source"
              + " topics shows the same ids), or the engine holds them at a version at or above denorm's (written by"
              + " something else); docs/operations.md, 'Verify and repair'");
        }
      }
      return Verifier.allMatch(reports) ? 0 : 1;
    }
  }

  /** One comparison of every index, with progress, its reports printed. */
  private List<IndexReport> compare(Connection database, DocumentSource documents) {
    List<IndexReport> reports;
    try {
      long[] lastShown = {System.nanoTime()};
      reports = Verifier.verify(database, documents, Indexes.of(config), (index, compared) -> {
        if (System.nanoTime() - lastShown[0] >= 5_000_000_000L) {
          lastShown[0] = System.nanoTime();
          out.printf("  %s: %,d documents compared%n", index, compared);
        }
      });
    } catch (IOException e) {
      throw new Unusable("cannot read the documents from " + documents.describe() + " (" + summary(e) + ")");
    } catch (SQLException e) {
      // PostgreSQL's message may quote the rows the oracle SQL read
      throw new Unusable("the oracle SQL failed on the source database (" + summary(e) + "); run the index's oracle SQL"
          + " with psql to see PostgreSQL's message");
    }
    reports.forEach(r -> out.print(r.describe(20)));
    boolean ok = Verifier.allMatch(reports);
    out.println(ok ? "All documents match the oracle." : "DIFFERENCES FOUND in "
        + reports.stream().filter(r -> !r.matches()).map(IndexReport::index).toList());
    return reports;
  }

  /** Re-emits the differing documents through the running pipeline and waits for the sink to write them. */
  private void repair(List<IndexReport> reports) {
    String applicationId = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    Repair.Outcome outcome;
    try {
      outcome = new Repair(KafkaClients.of(config), applicationId, config.topology()::documentTopic, Indexes.of(config), out)
          .repair(reports, REPAIR_TIMEOUT);
    } catch (IOException e) {
      throw new Unusable(e.getMessage());
    }
    if (!outcome.unroutable().isEmpty()) {
      out.println("  not repaired, not a document id of the pipeline (delete them in the engine): "
          + outcome.unroutable());
    }
    if (!outcome.notReEmitted().isEmpty()) {
      out.println("  not re-emitted within " + REPAIR_TIMEOUT.toMinutes() + " min (is every instance running?): "
          + outcome.notReEmitted());
    } else if (!outcome.sinkCommitted()) {
      out.println("  re-emitted, but the sink did not confirm them within " + REPAIR_TIMEOUT.toMinutes()
          + " min (is the search engine reachable from denorm?)");
    } else {
      out.printf("Repair: %,d documents re-emitted and written%n", outcome.requested());
    }
  }

  /** An error as verify prints it: the engine's HTTP status, else its type (see {@link Secrets#summary}). */
  private static String summary(Exception e) {
    return e instanceof ResponseException response
        ? "HTTP " + response.getResponse().getStatusLine().getStatusCode() + " from the search engine"
        : Secrets.summary(e);
  }

  private DocumentSource documentSource() {
    return switch (source) {
      case "search" -> {
        if (config.stack().searchUrl().isEmpty()) {
          throw new ConfigException(SinkSettings.HOSTS + " must name the search engine to verify (http://host:9200)");
        }
        yield new SearchDocuments(config.sink());
      }
      case "topics" -> new TopicDocuments(KafkaClients.of(config), config.topology(), Indexes.of(config));
      default -> throw new CommandLine.UsageException("--source must be search or topics, got: " + source);
    };
  }
}
