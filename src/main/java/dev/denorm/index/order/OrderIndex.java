package dev.denorm.index.order;

import dev.denorm.document.OrderDocument;
import dev.denorm.index.Addresses;
import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.ShopTables;
import dev.denorm.index.order.OrderDocumentAssembler.PricedLine;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import dev.denorm.serde.AvroSerde;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code orders} index: an order with its customer, its shipping address and its lines with
 * their products. Inner joins, as in OrderIndex.sql: no document while the customer is missing, and
 * a line whose product is missing is left out.
 *
 * <pre>
 * root      orders
 * lookup    customer          orders.customer_id -&gt; customers (email, names)
 * lookup    shipping-address  orders.shipping_address_id -&gt; addresses (null: none)
 * children  lines             order_lines.order_id -&gt; orders
 * lookup    line-product      order_lines.product_id -&gt; products (sku, name: a price change touches no order)
 * </pre>
 */
public final class OrderIndex implements DocumentIndex<OrderDocument> {

  static final Root<OrderRow> ORDER = Root.of(ShopTables.ORDERS);
  static final Lookup<OrderRow, CustomerRow> CUSTOMER =
      ORDER.lookup("customer", ShopTables.CUSTOMERS, "customer_id")
          .showing("email", "first_name", "last_name");
  static final Lookup<OrderRow, AddressRow> SHIPPING_ADDRESS =
      ORDER.lookup("shipping-address", ShopTables.ADDRESSES, "shipping_address_id")
          .showing("kind", "street", "city", "postal_code", "country");
  static final Children<OrderRow, OrderLineRow> LINES =
      ORDER.children("lines", ShopTables.ORDER_LINES, "order_id");
  static final Lookup<OrderLineRow, ProductRow> LINE_PRODUCT =
      LINES.lookup("line-product", ShopTables.PRODUCTS, "product_id").showing("sku", "name");

  private final OrderDocumentAssembler assembler = new OrderDocumentAssembler();

  @Override
  public String name() {
    return "orders";
  }

  @Override
  public AvroSerde<OrderDocument> documentSerde() {
    return AvroSerde.of(OrderDocument.class);
  }

  /** OrderIndex.sql, after the address function it shares with the other index that nests addresses. */
  @Override
  public String oracleSql() {
    return Addresses.ORACLE_SQL + DocumentIndex.super.oracleSql();
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(ORDER, CUSTOMER, SHIPPING_ADDRESS, LINES, LINE_PRODUCT);
  }

  @Override
  public OrderDocument assemble(Rows rows) {
    OrderRow order = rows.root(ORDER);
    CustomerRow customer = rows.lookup(CUSTOMER, order);
    if (customer == null) {
      return null;
    }
    List<PricedLine> lines = new ArrayList<>();
    for (OrderLineRow line : rows.children(LINES)) {
      ProductRow product = rows.lookup(LINE_PRODUCT, line);
      if (product != null) {
        lines.add(new PricedLine(line, product));
      }
    }
    return assembler.assemble(order, customer, rows.lookup(SHIPPING_ADDRESS, order), lines);
  }
}
