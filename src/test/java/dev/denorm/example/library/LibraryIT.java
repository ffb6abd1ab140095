package dev.denorm.example.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.denorm.app.DenormApp;
import dev.denorm.config.AppConfig;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.Indexes;
import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.testing.OracleWait;
import dev.denorm.tools.stack.Stack;
import dev.denorm.verify.DocumentSource;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.TopicDocuments;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The four library indexes on the embedded stack, as a user runs indexes over their own database: a schema
 * of its own ({@code denorm.source.schema=library}) and {@code denorm.indexes} naming the classes. After the
 * snapshot of a seeded library ({@link LibrarySeed}) and after each step of {@link LibraryChanges}, every
 * document in the search engine equals what the indexes' oracle SQL says; at the end the document topics
 * do too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibraryIT {

  static final List<String> INDEXES = List.of("library-authors", "library-books", "library-loans", "library-tags");

  private AppConfig config;
  private Stack stack;
  private DenormApp app;
  private DocumentSource search;

  /** The settings the application runs with; AvroLibraryIT reads Avro change events. */
  protected Map<String, String> settings() {
    return Map.of();
  }

  @BeforeAll
  void start() throws Exception {
    var settings = new HashMap<>(settings());
    settings.put("commit.interval.ms", "200");
    settings.put("denorm.http.port", "0"); // any free port: another process may hold the default
    settings.put(TopologySettings.SOURCE_SCHEMA, "library");
    settings.put(TopologySettings.INDEXES, String.join(",", AuthorCatalogIndex.class.getName(), BookIndex.class.getName(),
        TagIndex.class.getName(), LoanIndex.class.getName()));
    config = AppConfig.from(settings);
    stack = Stack.start(config, endpoints -> {
      try (var c = endpoints.connect()) {
        LibrarySeed.fill(c);
      }
    });
    app = DenormApp.start(config, stack.endpoints(), Optional.of(stack.streamsStateDir()));
    search = new SearchDocuments(stack.endpoints().searchUrl());
  }

  @AfterAll
  void stop() throws Exception {
    if (search != null) {
      search.close();
    }
    if (app != null) {
      app.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void shouldIndexTheSnapshotOfTheLibraryAsTheOracleSqlSays() {
    var reports = OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(180));

    assertThat(reports).extracting(IndexReport::index).containsExactlyInAnyOrderElementsOf(INDEXES);
    assertThat(reports).allSatisfy(r -> assertThat(r.expectedCount()).as(r.index()).isPositive());
  }

  @TestFactory
  @Order(2)
  Stream<DynamicTest> shouldEqualTheOracleAfterEachScriptedChange() {
    return LibraryChanges.steps().stream().map(step -> dynamicTest(step.name(), () -> {
      try (var c = stack.endpoints().connect()) {
        step.apply(c);
      }
      OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(90));
    }));
  }

  @Test
  @Order(3)
  void shouldHoldTheSameDocumentsInTheDocumentTopics() throws Exception {
    try (var topics = new TopicDocuments(EmbeddedKafkaBroker.clients(stack.endpoints().bootstrapServers()),
        config.topology(), Indexes.of(config))) {
      OracleWait.until(app, stack.endpoints(), topics, Indexes.of(config), Duration.ofSeconds(30));
    }
  }
}
