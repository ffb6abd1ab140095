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
  private final Children<OrderRow, OrderLineRow> lines = order.children("lines", ShopTables.ORDER_LINES, OrderLineRow::getOrderId);

  @Test
  void shouldListRelationsRootFirstAndTheTablesTheyRead() {
    Lookup<OrderLineRow, ProductRow> product = lines.lookup("product", ShopTables.PRODUCTS, OrderLineRow::getProductId);
    var plan = DocumentPlan.of(order, product, lines);

    assertThat(plan.relations()).containsExactly(order, lines, product);
    assertThat(plan.tables()).containsExactly(ShopTables.ORDERS, ShopTables.ORDER_LINES, ShopTables.PRODUCTS);
    assertThat(plan.lookupsFrom(lines)).containsExactly(product);
    assertThat(plan.lookupsFrom(order)).isEmpty();
  }

  @Test
  void shouldRejectTwoRelationsWithOneName() {
    Lookup<OrderRow, CustomerRow> customer = order.lookup("lines", ShopTables.CUSTOMERS, OrderRow::getCustomerId);

    assertThatThrownBy(() -> DocumentPlan.of(order, lines, customer)).hasMessageContaining("unique").hasMessageContaining("lines");
  }

  @Test
  void shouldRejectALookupFromChildrenThatAreNotInThePlan() {
    Lookup<OrderLineRow, ProductRow> product = lines.lookup("product", ShopTables.PRODUCTS, OrderLineRow::getProductId);

    assertThatThrownBy(() -> DocumentPlan.of(order, product)).hasMessageContaining("product").hasMessageContaining("not in the plan");
  }

  @Test
  void shouldRejectAShownColumnTheTableDoesNotHave() {
    Lookup<OrderRow, AddressRow> address =
        order.lookup("address", ShopTables.ADDRESSES, OrderRow::getShippingAddressId).showing("city", "planet");

    assertThatThrownBy(() -> DocumentPlan.of(order, address)).hasMessageContaining("'planet'").hasMessageContaining("addresses");
  }

  @Test
  void shouldRejectALookupOfALookup() {
    Lookup<OrderRow, CustomerRow> customer = order.lookup("customer", ShopTables.CUSTOMERS, OrderRow::getCustomerId);

    assertThatThrownBy(() -> new Lookup<>("nested", customer, ShopTables.ADDRESSES, CustomerRow::getId, null))
        .hasMessageContaining("not from another lookup");
  }
}
