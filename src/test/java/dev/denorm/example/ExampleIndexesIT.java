package dev.denorm.example;

import dev.denorm.index.Indexes;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.app.DenormApp;
import dev.denorm.config.AppConfig;
import dev.denorm.config.TopologySettings;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.example.authors.AuthorIndex;
import dev.denorm.example.productsales.ProductSalesIndex;
import dev.denorm.tools.stack.ReferenceSchema;
import dev.denorm.tools.stack.Stack;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.Verifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tutorials of docs/writing-an-index.md end to end on the embedded stack, run as a user would run indexes of
 * their own: only {@code denorm.indexes} names them, and the captured tables, the connector's
 * include list, topics, mappings and verify's oracle all follow from the two classes. After the
 * snapshot and after changes to every relation, verify finds no difference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleIndexesIT {

  private AppConfig config;
  private Stack stack;
  private DenormApp app;
  private SearchDocuments search;

  @BeforeAll
  void start() throws Exception {
    config = AppConfig.from(Map.of("commit.interval.ms", "200", "denorm.http.port", "0",
        TopologySettings.INDEXES, AuthorIndex.class.getName() + "," + ProductSalesIndex.class.getName()));
    stack = Stack.start(config, endpoints -> {
      try (var c = endpoints.connect(); var st = c.createStatement()) {
        new ShopGenerator(20, 3).fill(c);
        st.execute(ReferenceSchema.resource("/dev/denorm/example/authors/schema.sql"));
        st.execute("INSERT INTO shop.authors VALUES (1, 'Ursula', 'US'), (2, 'Terry', 'GB'), (3, 'Jorge', NULL)");
        st.execute("INSERT INTO shop.author_profiles VALUES (1, 'Wrote of other worlds.')");
        st.execute("INSERT INTO shop.books VALUES (10, 1, 'The Dispossessed', 1974), (11, 1, 'Lathe', 1971),"
            + " (20, 2, 'Mort', 1987)");
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
  void shouldIndexTheSnapshotOfTheExampleIndexesAsTheirOracleSqlSays() throws Exception {
    var reports = OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(120));

    assertThat(reports).extracting(IndexReport::index).containsExactly("authors", "products");
    assertThat(reports).allMatch(r -> r.expectedCount() > 0, "every index has documents to compare");
  }

  @Test
  @Order(2)
  void shouldCaptureOnlyTheTablesTheExampleIndexesRead() throws Exception {
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.endpoints().bootstrapServers()))) {
      var topics = admin.listTopics().names().get();
      assertThat(topics).contains("pg.shop.authors", "pg.shop.author_profiles", "pg.shop.books",
          "pg.shop.products", "pg.shop.order_lines");
      assertThat(topics).as("no index reads them").doesNotContain("pg.shop.customers", "pg.shop.orders",
          "pg.shop.addresses");
    }
  }

  @Test
  @Order(3)
  void shouldFollowChangesToEveryRelationOfTheExampleIndexes() throws Exception {
    try (var c = stack.endpoints().connect()) {
      Sql.exec(c, "INSERT INTO shop.books VALUES (21, 2, 'Small Gods', 1992)");
      Sql.exec(c, "UPDATE shop.books SET author_id = 3 WHERE id = 11");
      Sql.exec(c, "INSERT INTO shop.author_profiles VALUES (2, 'Discworld.')");
      Sql.exec(c, "DELETE FROM shop.author_profiles WHERE id = 1");
      Sql.exec(c, "UPDATE shop.authors SET name = 'Ursula K.' WHERE id = 1");
      Sql.exec(c, "DELETE FROM shop.authors WHERE id = 3"); // its books go with it (ON DELETE CASCADE)
      Sql.exec(c, "UPDATE shop.order_lines SET quantity = quantity + 5 WHERE id IN (SELECT min(id) FROM shop.order_lines)");
      Sql.exec(c, "DELETE FROM shop.order_lines WHERE id IN (SELECT max(id) FROM shop.order_lines)");
    }
    OracleWait.until(app, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(90));
  }


}
