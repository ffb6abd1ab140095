package dev.denorm.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of the reference shop schema as Debezium's JSON shows them (numeric as strings,
 * timestamptz as ISO-8601 UTC with microseconds). Each builder gives a complete row; override
 * columns with {@link Row#with}.
 */
public final class ShopRows {

  private ShopRows() {}

  /** A mutable column map that reads like the row it is. */
  public static final class Row extends LinkedHashMap<String, Object> {
    public Row with(String column, Object value) {
      put(column, value);
      return this;
    }

    public long id() {
      return ((Number) get("id")).longValue();
    }
  }

  /** A row of any table: column, value, column, value, ... */
  public static Row row(Object... columnsAndValues) {
    var row = new Row();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return row;
  }

  public static Row customer(long id) {
    return row("id", id, "email", "c" + id + "@example.com", "first_name", "Ada" + id, "last_name", "Lovelace",
        "created_at", "2026-03-01T09:30:00.123456Z");
  }

  public static Row address(long id, long customerId) {
    return row("id", id, "customer_id", customerId, "kind", "shipping", "street", id + " Main St",
        "city", "Springfield", "postal_code", "12345", "country", "B ");
  }

  public static Row product(long id) {
    return row("id", id, "sku", "SKU-" + id, "name", "Product " + id, "description", "A fine product",
        "price", "19.90", "tags", Arrays.asList("gift", null, "sale"), "updated_at", "2026-02-01T00:00:00.000001Z");
  }

  public static Row order(long id, long customerId, Long shippingAddressId) {
    return row("id", id, "customer_id", customerId, "status", "PAID", "ordered_at", "2026-03-02T10:00:00.5Z",
        "shipping_address_id", shippingAddressId);
  }

  public static Row line(long id, long orderId, long productId, int quantity, String unitPrice) {
    return row("id", id, "order_id", orderId, "product_id", productId, "quantity", quantity, "unit_price", unitPrice);
  }

  public static Map<String, Object> copy(Map<String, Object> row) {
    return new LinkedHashMap<>(row);
  }

  public static List<String> tags(String... tags) {
    return Arrays.asList(tags);
  }
}
