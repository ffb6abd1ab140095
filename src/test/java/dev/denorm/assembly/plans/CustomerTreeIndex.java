package dev.denorm.assembly.plans;

import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.ShopTables;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import dev.denorm.serde.AvroSerde;
import java.util.stream.Collectors;

/**
 * A test index three levels deep: a customer with their orders (not cancelled), each with its
 * lines, each with its product's name. The document is its rows written out as text:
 * {@code Ada1 [5 PAID: 1x Product 100, 2x Product 200] [6 NEW: ]}.
 */
public final class CustomerTreeIndex implements DocumentIndex<RowsText> {

  static final Root<CustomerRow> CUSTOMER = Root.of(ShopTables.CUSTOMERS);
  static final Children<CustomerRow, OrderRow> ORDERS =
      CUSTOMER.children("orders", ShopTables.ORDERS, "customer_id").where("status <> 'CANCELLED'", o -> !o.getStatus().equals("CANCELLED"));
  static final Children<OrderRow, OrderLineRow> LINES = ORDERS.children("lines", ShopTables.ORDER_LINES, "order_id");
  static final Lookup<OrderLineRow, ProductRow> PRODUCT =
      LINES.lookup("product", ShopTables.PRODUCTS, "product_id").showing("name");

  @Override
  public String name() {
    return "customer-tree";
  }

  @Override
  public AvroSerde<RowsText> documentSerde() {
    return AvroSerde.of(RowsText.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(CUSTOMER, ORDERS, LINES, PRODUCT);
  }

  @Override
  public RowsText assemble(Rows rows) {
    CustomerRow customer = rows.root(CUSTOMER);
    var text = new StringBuilder(customer.getFirstName());
    for (OrderRow order : rows.children(ORDERS)) {
      text.append(" [").append(order.getId()).append(' ').append(order.getStatus()).append(": ");
      text.append(rows.children(LINES, order).stream().map(line -> {
        ProductRow product = rows.lookup(PRODUCT, line);
        return line.getQuantity() + "x " + (product == null ? "?" : product.getName());
      }).collect(Collectors.joining(", "))).append(']');
    }
    return new RowsText(text.toString());
  }
}
