package dev.denorm.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import org.junit.jupiter.api.Test;

class DocumentPlanTest {

  private final Root<OrderRow> order = Root.of(ShopTables.ORDERS);
  private final Children<OrderRow, OrderLineRow> lines = order.children("lines", ShopTables.ORDER_LINES, "order_id");

  @Test
  void shouldListRelationsRootFirstAndTheTablesTheyRead() {
    Lookup<OrderLineRow, ProductRow> product = lines.lookup("product", ShopTables.PRODUCTS, "product_id");
    var plan = DocumentPlan.of(order, product, lines);

    assertThat(plan.relations()).containsExactly(order, lines, product);
    assertThat(plan.tables()).containsExactly(ShopTables.ORDERS, ShopTables.ORDER_LINES, ShopTables.PRODUCTS);
    assertThat(plan.lookupsFrom(lines)).containsExactly(product);
    assertThat(plan.lookupsFrom(order)).isEmpty();
  }

  @Test
  void shouldRejectTwoRelationsWithOneName() {
    Lookup<OrderRow, CustomerRow> customer = order.lookup("lines", ShopTables.CUSTOMERS, "customer_id");

    assertThatThrownBy(() -> DocumentPlan.of(order, lines, customer)).hasMessageContaining("unique").hasMessageContaining("lines");
  }

  @Test
  void shouldRejectALookupFromChildrenThatAreNotInThePlan() {
    Lookup<OrderLineRow, ProductRow> product = lines.lookup("product", ShopTables.PRODUCTS, "product_id");

    assertThatThrownBy(() -> DocumentPlan.of(order, product)).hasMessageContaining("product").hasMessageContaining("not in the plan");
  }

  @Test
  void shouldRejectAShownColumnTheTableDoesNotHave() {
    Lookup<OrderRow, AddressRow> address =
        order.lookup("address", ShopTables.ADDRESSES, "shipping_address_id").showing("city", "planet");

    assertThatThrownBy(() -> DocumentPlan.of(order, address)).hasMessageContaining("'planet'").hasMessageContaining("addresses");
  }

  @Test
  void shouldAcceptALookupOfALookupAndChildrenOfALookedUpRow() {
    Lookup<OrderRow, CustomerRow> customer = order.lookup("customer", ShopTables.CUSTOMERS, "customer_id");
    Children<CustomerRow, AddressRow> addresses = customer.children("customer-addresses", ShopTables.ADDRESSES, "customer_id");
    Children<OrderLineRow, OrderLineRow> none = lines.children("sub-lines", ShopTables.ORDER_LINES, "order_id");

    var plan = DocumentPlan.of(order, customer, addresses, lines, none);

    assertThat(DocumentPlan.isOwned(addresses)).as("children of a looked-up row are shared").isFalse();
    assertThat(DocumentPlan.isOwned(none)).as("children of children are owned").isTrue();
    assertThat(plan.describe()).contains("children of customer by [customer_id] customer-addresses addresses keyed [id]");
  }

  @Test
  void shouldRejectAForeignKeyThatCannotHoldTheReferencedKey() {
    assertThatThrownBy(() -> order.lookup("customer", ShopTables.CUSTOMERS, "status"))
        .hasMessageContaining("orders.status").hasMessageContaining("customers.id");
    assertThatThrownBy(() -> order.lookup("customer", ShopTables.CUSTOMERS, "customer_id", "id"))
        .hasMessageContaining("whose key is [id]");
    assertThatThrownBy(() -> order.children("lines", ShopTables.ORDER_LINES, "order_no"))
        .hasMessageContaining("no column 'order_no'");
  }

  @Test
  void shouldRejectChildrenOfChildrenOfALookedUpRow() {
    Lookup<OrderRow, CustomerRow> customer = order.lookup("customer", ShopTables.CUSTOMERS, "customer_id");
    Children<CustomerRow, OrderRow> orders = customer.children("customer-orders", ShopTables.ORDERS, "customer_id");
    Children<OrderRow, OrderLineRow> theirLines = orders.children("their-lines", ShopTables.ORDER_LINES, "order_id");

    assertThatThrownBy(() -> DocumentPlan.of(order, customer, orders, theirLines)).hasMessageContaining("one level of children");
  }
}
