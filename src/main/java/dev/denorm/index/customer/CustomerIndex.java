package dev.denorm.index.customer;

import dev.denorm.document.CustomerDocument;
import dev.denorm.index.Addresses;
import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.ShopTables;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderRow;
import dev.denorm.serde.AvroSerde;

/**
 * The {@code customers} index: a customer with their addresses (sorted by id) and order_count.
 *
 * <pre>
 * root      customers
 * children  addresses  addresses.customer_id -&gt; customers
 * children  orders     orders.customer_id -&gt; customers (only counted: a status change is not routed here)
 * </pre>
 */
public final class CustomerIndex implements DocumentIndex<CustomerDocument> {

  static final Root<CustomerRow> CUSTOMER = Root.of(ShopTables.CUSTOMERS);
  static final Children<CustomerRow, AddressRow> ADDRESSES =
      CUSTOMER.children("addresses", ShopTables.ADDRESSES, "customer_id");
  static final Children<CustomerRow, OrderRow> ORDERS =
      CUSTOMER.children("orders", ShopTables.ORDERS, "customer_id").showing();

  private final CustomerDocumentAssembler assembler = new CustomerDocumentAssembler();

  @Override
  public String name() {
    return "customers";
  }

  @Override
  public AvroSerde<CustomerDocument> documentSerde() {
    return AvroSerde.of(CustomerDocument.class);
  }

  /** CustomerIndex.sql, after the address function it shares with the other index that nests addresses. */
  @Override
  public String oracleSql() {
    return Addresses.ORACLE_SQL + DocumentIndex.super.oracleSql();
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(CUSTOMER, ADDRESSES, ORDERS);
  }

  @Override
  public CustomerDocument assemble(Rows rows) {
    return assembler.assemble(rows.root(CUSTOMER), rows.children(ADDRESSES), rows.children(ORDERS).size());
  }
}
