package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import java.util.List;

/** The captured tables of the reference shop schema (shared/reference/schema.sql). */
public final class ShopTables {

  public static final ChangeTable<CustomerRow> CUSTOMERS = ChangeTable.of("customers", CustomerRow.class);
  public static final ChangeTable<AddressRow> ADDRESSES = ChangeTable.of("addresses", AddressRow.class);
  public static final ChangeTable<ProductRow> PRODUCTS = ChangeTable.of("products", ProductRow.class);
  public static final ChangeTable<OrderRow> ORDERS = ChangeTable.of("orders", OrderRow.class);
  public static final ChangeTable<OrderLineRow> ORDER_LINES = ChangeTable.of("order_lines", OrderLineRow.class);

  public static final List<ChangeTable<?>> ALL = List.of(CUSTOMERS, ADDRESSES, PRODUCTS, ORDERS, ORDER_LINES);

  private ShopTables() {}
}
