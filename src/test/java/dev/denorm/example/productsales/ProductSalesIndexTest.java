package dev.denorm.example.productsales;

import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.index.Indexes;
import dev.denorm.sink.engine.EngineMappings;
import dev.denorm.tools.stack.ConnectorConfig;
import dev.denorm.testkit.IndexTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "Change a document" example of docs/writing-an-index.md: the added fields follow order_lines, and what the
 * tutorial does not touch (captured tables, connector include list, mapping) follows the index.
 */
class ProductSalesIndexTest {

  private final IndexTestDriver shop = new IndexTestDriver(new ProductSalesIndex());

  @AfterEach
  void close() {
    shop.close();
  }

  private ProductSalesDocument document(long id) {
    return shop.<ProductSalesDocument>documents("products").get(Long.toString(id));
  }

  @Test
  void shouldCountTheOrderLinesOfAProductAndSumTheirQuantities() {
    shop.insert("products", product(1)).emit();
    assertThat(document(1).getTimesOrdered()).isZero();

    shop.insert("order_lines", line(10, 100, 1, 2, "1.00")).insert("order_lines", line(11, 101, 1, 3, "1.00")).emit();

    assertThat(document(1).getTimesOrdered()).isEqualTo(2);
    assertThat(document(1).getTotalQuantity()).isEqualTo(5);
    assertThat(document(1).getName()).isEqualTo("Product 1");
  }

  @Test
  void shouldMoveTheCountsWhenALineChangesProductAndDropThemWhenItIsDeleted() {
    shop.insert("products", product(1)).insert("products", product(2))
        .insert("order_lines", line(10, 100, 1, 2, "1.00")).emit();

    shop.update("order_lines", line(10, 100, 2, 4, "1.00")).emit();
    assertThat(document(1).getTimesOrdered()).isZero();
    assertThat(document(2).getTotalQuantity()).isEqualTo(4);

    shop.delete("order_lines", 10).emit();
    assertThat(document(2).getTimesOrdered()).isZero();
    assertThat(document(2).getTotalQuantity()).isZero();
  }

  @Test
  void shouldNotRewriteTheProductWhenALineColumnItDoesNotShowChanges() {
    shop.insert("products", product(1)).insert("order_lines", line(10, 100, 1, 2, "1.00")).emit();
    shop.newWrites("products");

    shop.update("order_lines", line(10, 100, 1, 2, "9.99")).emit();

    assertThat(shop.newWrites("products")).as("only the unit price changed").isEmpty();
  }

  @Test
  void shouldDeriveTheCapturedTablesAndTheMappingOfTheNewFields() {
    assertThat(ConnectorConfig.tableIncludeList("shop", Indexes.of(new ProductSalesIndex())))
        .isEqualTo("shop.products,shop.order_lines");
    var properties = new EngineMappings(true).mappingFor(ProductSalesDocument.getClassSchema()).get("properties");
    assertThat(properties.get("times_ordered").get("type").asText()).isEqualTo("long");
    assertThat(properties.get("total_quantity").get("type").asText()).isEqualTo("long");
    assertThat(properties.get("name").get("type").asText()).isEqualTo("text");
  }
}
