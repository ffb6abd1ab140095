package dev.denorm.assembly.plans;

import static dev.denorm.testing.ShopRows.address;
import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.order;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.testkit.IndexTestDriver;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plans deeper than one level: children of children (routed through the parent's owner), a
 * filter on a middle level, lookups from the third level, children of a looked-up row and a
 * lookup of a lookup. Each document is its rows as text (CustomerTreeIndex, OrderOwnersIndex).
 */
class RelationTreeTest {

  private final IndexTestDriver shop = new IndexTestDriver(new CustomerTreeIndex(), new OrderOwnersIndex());

  @AfterEach
  void close() {
    shop.close();
  }

  private Map<String, String> tree() {
    return texts("customer-tree");
  }

  private Map<String, String> texts(String index) {
    var texts = new LinkedHashMap<String, String>();
    shop.<RowsText>documents(index).forEach((id, doc) -> texts.put(id, doc == null ? null : doc.getText()));
    return texts;
  }

  private Map<String, String> newTexts(String index) {
    var texts = new LinkedHashMap<String, String>();
    shop.<RowsText>newDocuments(index).forEach((id, doc) -> texts.put(id, doc == null ? null : doc.getText()));
    return texts;
  }

  private IndexTestDriver twoCustomersWithAnOrderEach() {
    return shop.insert("customers", customer(1)).insert("customers", customer(2))
        .insert("products", product(100)).insert("products", product(200))
        .insert("orders", order(5, 1, null)).insert("orders", order(6, 2, null))
        .insert("order_lines", line(1, 5, 100, 1, "1.00")).insert("order_lines", line(2, 5, 200, 2, "1.00"))
        .insert("order_lines", line(3, 6, 100, 3, "1.00"));
  }

  @Test
  void shouldNestLinesAndTheirProductsInTheirOrdersInTheirCustomer() {
    twoCustomersWithAnOrderEach().emit();

    assertThat(tree()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "1", "Ada1 [5 PAID: 1x Product 100, 2x Product 200]",
        "2", "Ada2 [6 PAID: 3x Product 100]"));
  }

  @Test
  void shouldDescribeThePlanWithItsForeignKeysAndFilterSoAChangeOfEitherIsSeen() {
    assertThat(new CustomerTreeIndex().plan().describe()).isEqualTo("root root customers keyed [id];"
        + " children of root by [customer_id] orders orders keyed [id] where status <> 'CANCELLED';"
        + " children of orders by [order_id] lines order_lines keyed [id];"
        + " lookup from lines by [product_id] product products keyed [id] showing [name]");
  }

  @Test
  void shouldNestALineThatArrivedBeforeItsOrderOnceTheOrderArrives() {
    shop.insert("customers", customer(1)).insert("products", product(100))
        .insert("order_lines", line(1, 5, 100, 4, "1.00")).emit();
    assertThat(tree()).containsEntry("1", "Ada1");

    shop.insert("orders", order(5, 1, null)).emit();

    assertThat(tree()).containsEntry("1", "Ada1 [5 PAID: 4x Product 100]");
  }

  @Test
  void shouldUpdateBothCustomersWhenALineMovesToAnOrderOfAnotherCustomer() {
    twoCustomersWithAnOrderEach().emit().newWrites("customer-tree");

    shop.update("order_lines", line(2, 6, 200, 2, "1.00")).emit();

    assertThat(newTexts("customer-tree")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "1", "Ada1 [5 PAID: 1x Product 100]",
        "2", "Ada2 [6 PAID: 2x Product 200, 3x Product 100]")); // by line id
  }

  @Test
  void shouldTakeAnOrdersLinesAlongWhenTheOrderMovesToAnotherCustomer() {
    twoCustomersWithAnOrderEach().emit().newWrites("customer-tree");

    shop.update("orders", order(5, 2, null)).emit();

    assertThat(newTexts("customer-tree")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "1", "Ada1",
        "2", "Ada2 [5 PAID: 1x Product 100, 2x Product 200] [6 PAID: 3x Product 100]"));
  }

  @Test
  void shouldDropADeletedOrdersSubtreeAndBringItBackWhenTheOrderReturns() {
    twoCustomersWithAnOrderEach().emit().newWrites("customer-tree");

    shop.delete("orders", 5L).emit();
    assertThat(newTexts("customer-tree")).containsExactly(Map.entry("1", "Ada1"));

    shop.insert("orders", order(5, 1, null)).emit();
    assertThat(newTexts("customer-tree")).containsExactly(Map.entry("1", "Ada1 [5 PAID: 1x Product 100, 2x Product 200]"));
  }

  @Test
  void shouldDropAnOrderThatLeavesTheFilterWithItsLinesAndAddItWhenItEntersAgain() {
    twoCustomersWithAnOrderEach().emit().newWrites("customer-tree");

    shop.update("orders", order(5, 1, null).with("status", "CANCELLED")).emit();
    assertThat(newTexts("customer-tree")).containsExactly(Map.entry("1", "Ada1"));
    shop.update("order_lines", line(1, 5, 100, 9, "1.00")).emit();
    assertThat(newTexts("customer-tree")).as("a line of a filtered-out order is in no document").isEmpty();

    shop.update("orders", order(5, 1, null).with("status", "PAID")).emit();
    assertThat(newTexts("customer-tree")).containsExactly(Map.entry("1", "Ada1 [5 PAID: 9x Product 100, 2x Product 200]"));
  }

  @Test
  void shouldRewriteEveryCustomerWhoseLinesHoldARenamedProductOnce() {
    twoCustomersWithAnOrderEach().emit().newWrites("customer-tree");

    shop.update("products", product(100).with("name", "Lamp")).update("products", product(100).with("name", "Desk Lamp"))
        .emit();

    var writes = shop.<RowsText>newWrites("customer-tree");
    assertThat(writes).extracting(kv -> kv.key).containsExactlyInAnyOrder("1", "2");
    assertThat(tree()).containsEntry("1", "Ada1 [5 PAID: 1x Desk Lamp, 2x Product 200]")
        .containsEntry("2", "Ada2 [6 PAID: 3x Desk Lamp]");
  }

  @Test
  void shouldEmptyEveryCustomerWhenTheMiddleTableIsTruncated() {
    twoCustomersWithAnOrderEach().emit().newWrites("customer-tree");

    shop.truncate("orders").emit();

    assertThat(newTexts("customer-tree")).containsExactlyInAnyOrderEntriesOf(Map.of("1", "Ada1", "2", "Ada2"));
  }

  @Test
  void shouldFollowTheLookedUpCustomersAddressesAndTheShippingAddresssOwner() {
    shop.insert("customers", customer(1)).insert("customers", customer(2))
        .insert("addresses", address(10, 1)).insert("addresses", address(20, 2).with("city", "Paris"))
        .insert("orders", order(5, 1, 20L)).insert("orders", order(6, 1, null)).emit();
    assertThat(texts("order-owners")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "5", "5 by Ada1 (Springfield) ships to 20 Main St of Ada2",
        "6", "6 by Ada1 (Springfield)"));
    shop.newWrites("order-owners");

    shop.insert("addresses", address(11, 1).with("city", "Rome")).emit();
    assertThat(newTexts("order-owners")).as("a new child of the looked-up customer reaches both orders")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "5", "5 by Ada1 (Springfield, Rome) ships to 20 Main St of Ada2",
            "6", "6 by Ada1 (Springfield, Rome)"));

    shop.update("customers", customer(2).with("first_name", "Grace")).emit();
    assertThat(newTexts("order-owners")).as("the shipping address's owner, two lookups away")
        .containsExactly(Map.entry("5", "5 by Ada1 (Springfield, Rome) ships to 20 Main St of Grace"));

    shop.update("addresses", address(20, 1).with("city", "Paris")).emit();
    assertThat(newTexts("order-owners")).as("the shipping address moved to customer 1")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "5", "5 by Ada1 (Springfield, Rome, Paris) ships to 20 Main St of Ada1",
            "6", "6 by Ada1 (Springfield, Rome, Paris)"));
  }
}
