package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import static dev.denorm.testing.ShopRows.address;
import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.order;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.document.OrderDocument;
import dev.denorm.index.order.OrderIndex;
import dev.denorm.testkit.IndexTestDriver;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The document assembled on request from an index's stores (as /documents/&lt;index&gt;/&lt;id&gt;
 * reads them) is the one the production topology emits, and is ahead of it by the rows changed
 * since the last emit. The orders index has every kind of relation: root, children, lookups from both.
 */
class StoredDocumentsTest {

  private final OrderIndex orders = new OrderIndex();
  private final IndexTestDriver shop = new IndexTestDriver(orders);

  @AfterEach
  void close() {
    shop.close();
  }

  private OrderDocument stored(long id) {
    return StoredDocuments.assemble(orders, RowKey.of(id), name -> shop.driver().<Bytes, byte[]>getKeyValueStore(name));
  }

  @Test
  void shouldAssembleFromTheStoresTheDocumentTheTopologyEmitted() {
    shop.insert("customers", customer(1)).insert("addresses", address(10, 1))
        .insert("products", product(100)).insert("products", product(200).with("name", "Other"))
        .insert("orders", order(5, 1, 10L))
        .insert("order_lines", line(51, 5, 100, 3, "19.90")).insert("order_lines", line(52, 5, 200, 1, "0.10")).emit();

    OrderDocument emitted = shop.<OrderDocument>documents("orders").get("5");
    assertThat(emitted).isNotNull();
    assertThat(stored(5)).isEqualTo(emitted);
  }

  @Test
  void shouldShowAChangedLookedUpRowBeforeItsNextEmit() {
    shop.insert("customers", customer(1)).insert("orders", order(5, 1, null))
        .insert("products", product(100)).insert("order_lines", line(51, 5, 100, 1, "1.00")).emit();

    shop.update("products", product(100).with("name", "Renamed"));

    assertThat(shop.<OrderDocument>documents("orders").get("5").getLines().get(0).getProduct().getName())
        .as("emitted before the change").isEqualTo("Product 100");
    assertThat(stored(5).getLines().get(0).getProduct().getName()).isEqualTo("Renamed");
  }

  @Test
  void shouldHaveNoDocumentForAMissingRootOrAMissingInnerJoinedRow() {
    shop.insert("orders", order(5, 1, null)).emit();

    assertThat(stored(6)).as("no such order").isNull();
    assertThat(stored(5)).as("its customer is missing: the index assembles none").isNull();
  }

  @Test
  void shouldHaveNoDocumentOnceTheRootRowIsDeleted() {
    shop.insert("customers", customer(1)).insert("orders", order(5, 1, null)).emit();
    assertThat(stored(5)).isNotNull();

    shop.delete("orders", 5);

    assertThat(stored(5)).isNull();
  }
}
