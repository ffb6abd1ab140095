package dev.denorm.assembly.plans;

import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.ShopTables;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderRow;
import dev.denorm.serde.AvroSerde;
import java.util.stream.Collectors;

/**
 * A test index of shared rows: an order with its customer and that customer's addresses
 * (children of a looked-up row), and its shipping address with the customer who owns it (a
 * lookup of a lookup). The document is its rows as text:
 * {@code 5 by Ada1 (Springfield, Paris) ships to 10 Main St of Ada1}.
 */
public final class OrderOwnersIndex implements DocumentIndex<RowsText> {

  static final Root<OrderRow> ORDER = Root.of(ShopTables.ORDERS);
  static final Lookup<OrderRow, CustomerRow> CUSTOMER = ORDER.lookup("customer", ShopTables.CUSTOMERS, "customer_id");
  static final Children<CustomerRow, AddressRow> CUSTOMER_ADDRESSES =
      CUSTOMER.children("customer-addresses", ShopTables.ADDRESSES, "customer_id");
  static final Lookup<OrderRow, AddressRow> SHIPPING =
      ORDER.lookup("shipping", ShopTables.ADDRESSES, "shipping_address_id");
  static final Lookup<AddressRow, CustomerRow> SHIPPING_OWNER =
      SHIPPING.lookup("shipping-owner", ShopTables.CUSTOMERS, "customer_id").showing("first_name");

  @Override
  public String name() {
    return "order-owners";
  }

  @Override
  public AvroSerde<RowsText> documentSerde() {
    return AvroSerde.of(RowsText.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(ORDER, CUSTOMER, CUSTOMER_ADDRESSES, SHIPPING, SHIPPING_OWNER);
  }

  @Override
  public RowsText assemble(Rows rows) {
    OrderRow order = rows.root(ORDER);
    CustomerRow customer = rows.lookup(CUSTOMER, order);
    var text = new StringBuilder().append(order.getId()).append(" by ");
    if (customer == null) {
      text.append('?');
    } else {
      text.append(customer.getFirstName()).append(" (").append(rows.children(CUSTOMER_ADDRESSES, customer).stream()
          .map(AddressRow::getCity).collect(Collectors.joining(", "))).append(')');
    }
    AddressRow shipping = rows.lookup(SHIPPING, order);
    if (shipping != null) {
      CustomerRow owner = rows.lookup(SHIPPING_OWNER, shipping);
      text.append(" ships to ").append(shipping.getStreet()).append(" of ").append(owner == null ? "?" : owner.getFirstName());
    }
    return new RowsText(text.toString());
  }
}
