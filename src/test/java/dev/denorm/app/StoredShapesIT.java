package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.document.ProductDocument;
import dev.denorm.example.productsales.ProductSalesIndex;
import dev.denorm.index.Indexes;
import dev.denorm.index.product.ProductIndex;
import dev.denorm.serde.SchemaHistory;
import dev.denorm.testing.EmbeddedKafkaBroker;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What start-up records on a real broker: the schema history (read back into the resolver) and
 * each index's plan; a changed plan stops the next start with the reset command, and a reset
 * (which deletes the plans topic with the state) lets the changed index start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredShapesIT {

  private EmbeddedKafkaBroker kafka;

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldRecordEachSchemaOnceByFingerprint() throws Exception {
    var history = new SchemaHistoryTopic(kafka.clients(), "schemas-once");
    history.loadCheckAndRecord(Indexes.of(new ProductIndex()));
    history.loadCheckAndRecord(Indexes.of(new ProductIndex())); // a restart
    history.loadCheckAndRecord(Indexes.of(new ProductSalesIndex())); // the tutorial's change

    var stored = new CompactedTopic(kafka.clients(), "schemas-once").readAll();
    assertThat(stored).containsKey(Long.toHexString(SchemaHistory.fingerprint(ProductDocument.getClassSchema())));
    assertThat(stored).as("ProductDocument, ProductSalesDocument, ProductRow, OrderLineRow").hasSize(4);
  }

  @Test
  void shouldStopTheStartOfAnIndexWhosePlanChangedUntilTheApplicationIsReset() throws Exception {
    var plans = new IndexPlansTopic(kafka.clients(), "app");
    var changeTopics = List.of("pg.shop.products", "pg.shop.order_lines");
    plans.checkAndRecord(Indexes.of(new ProductIndex()), "app", changeTopics);
    plans.checkAndRecord(Indexes.of(new ProductIndex()), "app", changeTopics); // a restart of the same code

    // the tutorial's change: products gains a relation to order_lines, whose rows its stores lack
    assertThatThrownBy(() -> plans.checkAndRecord(Indexes.of(new ProductSalesIndex()), "app", changeTopics))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("index products changed its plan")
        .hasMessageContaining("children of root by [product_id] lines order_lines keyed [id] showing [quantity]")
        .hasMessageContaining("kafka-streams-application-reset --bootstrap-server <kafka> --application-id app"
            + " --input-topics pg.shop.products,pg.shop.order_lines");

    kafka.deleteTopics(List.of(plans.name())); // what the reset tool does to it, as to every -changelog of app
    plans.checkAndRecord(Indexes.of(new ProductSalesIndex()), "app", changeTopics);
    assertThat(new CompactedTopic(kafka.clients(), plans.name()).readAll())
        .containsEntry("products", new ProductSalesIndex().plan().describe());
  }
}
