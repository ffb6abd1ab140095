package dev.denorm.tools.stack;

import dev.denorm.connect.TruncateEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.TopologySettings;
import dev.denorm.index.Indexes;
import dev.denorm.index.customer.CustomerIndex;
import dev.denorm.index.order.OrderIndex;
import dev.denorm.index.product.ProductIndex;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {

  @Test
  void shouldRecommendPgoutputStringDecimalsSchemalessJsonAndTheTablesTheShopIndexesRead() {
    var config = ConnectorConfig.recommended();
    assertThat(config.path("plugin.name").asText()).isEqualTo("pgoutput");
    assertThat(config.path("decimal.handling.mode").asText()).isEqualTo("string");
    assertThat(config.path("value.converter.schemas.enable").asText()).isEqualTo("false");
    assertThat(config.path("skipped.operations").asText()).isEqualTo("none");
    assertThat(config.path("unavailable.value.placeholder").asText()).isEqualTo(TopologySettings.defaults().toastPlaceholder());
    // a truncate is ordered with the row changes only on one partition, and needs a key in a compacted topic
    assertThat(config.path("topic.creation.default.partitions").asText()).isEqualTo("1");
    assertThat(config.path("transforms.truncateKey.predicate").asText()).isEqualTo("isTruncate");
    assertThat(config.path("predicates.isTruncate.type").asText()).isEqualTo(TruncateEvent.class.getName());
    assertThat(config.path("topic.prefix").asText()).isEqualTo(TopologySettings.defaults().sourceTopicPrefix());
    // the file (registered as is by docker compose) lists what the default indexes read, in the embedded stack's order
    assertThat(config.path("table.include.list").asText()).isEqualTo(ConnectorConfig.tableIncludeList("shop", Indexes.shop()));
  }

  @Test
  void shouldRecommendForAvroTheSameConfigWithApicuriosConverterInConfluentWireFormatAndExactDecimals() {
    var json = ConnectorConfig.recommended();
    var avro = ConnectorConfig.recommendedAvro();
    for (String side : new String[] {"key", "value"}) {
      assertThat(avro.path(side + ".converter").asText()).isEqualTo("io.apicurio.registry.utils.converter.AvroConverter");
      assertThat(avro.path(side + ".converter.apicurio.registry.as-confluent").asText()).isEqualTo("true");
      assertThat(avro.path(side + ".converter.apicurio.registry.use-id").asText()).as("what the Confluent API resolves")
          .isEqualTo("contentId");
    }
    assertThat(avro.path("decimal.handling.mode").asText()).isEqualTo("precise");
    // everything else is the JSON file's: the two cannot drift apart
    var rest = avro.deepCopy();
    var jsonRest = json.deepCopy();
    rest.properties().removeIf(e -> e.getKey().startsWith("key.converter") || e.getKey().startsWith("value.converter")
        || e.getKey().equals("decimal.handling.mode"));
    jsonRest.properties().removeIf(e -> e.getKey().startsWith("key.converter") || e.getKey().startsWith("value.converter")
        || e.getKey().equals("decimal.handling.mode"));
    assertThat(rest).isEqualTo(jsonRest);
    var patched = ConnectorConfig.forDatabaseWithAvro("jdbc:postgresql://db:5433/app", "u", "p", "pg", "http://r:1/apis/registry/v2");
    assertThat(patched.path("value.converter.apicurio.registry.url").asText()).isEqualTo("http://r:1/apis/registry/v2");
    assertThat(patched.path("database.port").asText()).isEqualTo("5433");
  }

  @Test
  void shouldDeriveTheIncludeListFromTheTablesTheIndexesRead() {
    assertThat(ConnectorConfig.tableIncludeList("shop", Indexes.of(new ProductIndex()))).isEqualTo("shop.products");
    assertThat(ConnectorConfig.tableIncludeList("app", Indexes.of(new OrderIndex())).split(","))
        .containsExactlyInAnyOrder("app.orders", "app.customers", "app.addresses", "app.order_lines", "app.products");
  }

  @Test
  void shouldListFirstTheTablesOfTheIndexThatReadsTheFewestSoItsDocumentsAreCompleteFirst() {
    // Debezium snapshots in this order: products (all the products index reads), then the customers index's
    // other tables, then the one table only the orders index still lacks
    assertThat(ConnectorConfig.tableIncludeList("shop", Indexes.of(new OrderIndex(), new CustomerIndex(), new ProductIndex())))
        .isEqualTo("shop.products,shop.customers,shop.addresses,shop.orders,shop.order_lines");
    assertThat(ConnectorConfig.tableIncludeList("shop", Indexes.shop()))
        .isEqualTo("shop.products,shop.customers,shop.addresses,shop.orders,shop.order_lines");
  }

  @Test
  void shouldPatchOnlyTheDatabaseAddressCredentialsAndTopicPrefix() {
    var recommended = ConnectorConfig.recommended();
    var patched = ConnectorConfig.forDatabase("jdbc:postgresql://127.0.0.1:54321/postgres", "me", "pw", "cdc");
    assertThat(patched.path("database.hostname").asText()).isEqualTo("127.0.0.1");
    assertThat(patched.path("database.port").asText()).isEqualTo("54321");
    assertThat(patched.path("database.dbname").asText()).isEqualTo("postgres");
    assertThat(patched.path("database.user").asText()).isEqualTo("me");
    assertThat(patched.path("database.password").asText()).isEqualTo("pw");
    assertThat(patched.path("topic.prefix").asText()).isEqualTo("cdc");
    var others = recommended.deepCopy();
    for (var key : new String[] {"database.hostname", "database.port", "database.dbname", "database.user",
        "database.password", "topic.prefix"}) {
      others.remove(key);
      patched.remove(key);
    }
    assertThat(patched).isEqualTo(others);
  }

  @Test
  void shouldKeepThroughputSettingsWithinTheLatencyBudget() {
    var config = ConnectorConfig.recommended();
    // freshness target p99 <= 1.5 s end to end: the poll interval and the producer's linger stay small
    assertThat(config.path("poll.interval.ms").asInt()).isLessThanOrEqualTo(100);
    assertThat(config.path("producer.override.linger.ms").asInt(5)).isLessThanOrEqualTo(10);
    // Debezium rejects a queue that is not larger than a batch
    assertThat(config.path("max.queue.size").asInt(8192)).isGreaterThan(config.path("max.batch.size").asInt(2048));
  }
}
