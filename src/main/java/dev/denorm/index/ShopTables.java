package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;

/**
 * The tables of the reference shop schema (shared/reference/schema.sql) that the shop's indexes
 * read. Which tables are captured is not listed here: it follows from the indexes' plans
 * ({@link Indexes#tables()}).
 */
public final class ShopTables {

  public static final ChangeTable<CustomerRow> CUSTOMERS = ChangeTable.of("customers", CustomerRow.class);
  public static final ChangeTable<AddressRow> ADDRESSES = ChangeTable.of("addresses", AddressRow.class);
  public static final ChangeTable<ProductRow> PRODUCTS = ChangeTable.of("products", ProductRow.class);
  public static final ChangeTable<OrderRow> ORDERS = ChangeTable.of("orders", OrderRow.class);
  public static final ChangeTable<OrderLineRow> ORDER_LINES = ChangeTable.of("order_lines", OrderLineRow.class);

  private ShopTables() {}
}
