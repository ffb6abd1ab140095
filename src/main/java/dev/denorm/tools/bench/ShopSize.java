package dev.denorm.tools.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Row counts of the benchmark's shop at a scale: 500·s products, 1000·s customers, ... (at least 1 each). */
record ShopSize(int products, int customers, int addresses, int orders, int lines) {

  static ShopSize of(double scale) {
    return new ShopSize(rows(500, scale), rows(1000, scale), rows(2000, scale), rows(5000, scale),
        rows(15000, scale));
  }

  private static int rows(int perScale, double scale) {
    return (int) Math.max(1, Math.round(perScale * scale));
  }

  long rows() {
    return (long) products + customers + addresses + orders + lines;
  }

  /** One document per product, customer and order. */
  long documents() {
    return (long) products + customers + orders;
  }

  /** Each index's documents, in the order of {@link Search#INDEXES}. */
  Map<String, Long> expected() {
    var byIndex = new LinkedHashMap<String, Long>();
    Search.INDEXES.forEach(index -> byIndex.put(index, expected(index)));
    return byIndex;
  }

  long expected(String index) {
    return switch (index) {
      case "products" -> products;
      case "customers" -> customers;
      case "orders" -> orders;
      default -> throw new IllegalArgumentException(index);
    };
  }
}
