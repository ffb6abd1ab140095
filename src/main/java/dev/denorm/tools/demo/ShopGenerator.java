package dev.denorm.tools.demo;

import java.sql.Types;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fills the reference schema with a reproducible shop: per customer about 1.5 addresses and 3
 * orders of 1 to 5 lines; a product per 4 customers (at least 10), some with a long, TOASTed
 * description. One transaction; ids start at 1.
 */
public final class ShopGenerator {

  private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken"};
  private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson"};
  private static final String[] CITY = {"Berlin", "Lyon", "Porto", "Oslo", "Gdańsk", "Zürich", "Leeds", "Turku"};
  private static final String[] COUNTRY = {"DE", "FR", "PT", "NO", "PL", "CH", "GB", "FI"};
  private static final String[] STATUS = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
  private static final String[] WORD = {"oak", "steel", "wool", "linen", "copper", "glass", "maple", "stone"};
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final Random random;
  private final int customers;

  public ShopGenerator(int customers, long seed) {
    this.customers = customers;
    this.random = new Random(seed);
  }

  /** The number of rows written. */
  public int fill(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      int products = Math.max(10, customers / 4);
      List<BigDecimal> prices = new ArrayList<>();
      int rows = products(connection, products, prices);
      List<List<Long>> addresses = new ArrayList<>();
      rows += customers(connection, addresses);
      rows += orders(connection, addresses, prices);
      connection.commit();
      return rows;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private int products(Connection c, int count, List<BigDecimal> prices) throws SQLException {
    try (var st = c.prepareStatement("INSERT INTO shop.products (id, sku, name, description, price, tags, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= count; id++) {
        var price = BigDecimal.valueOf(99 + random.nextInt(49_900), 2);
        prices.add(price);
        String a = pick(WORD);
        String b = pick(WORD);
        st.setLong(1, id);
        st.setString(2, String.format("SKU-%06d", id));
        st.setString(3, capitalize(a) + " " + b + " no. " + id);
        // every 20th description is long enough to be stored out of line (TOAST)
        st.setString(4, id % 20 == 0 ? ("Handmade from " + a + ". ").repeat(400) : "Made of " + a + " and " + b + ".");
        st.setBigDecimal(5, price);
        st.setArray(6, c.createArrayOf("text", new String[] {a, b}));
        st.setTimestamp(7, timestamp());
        st.addBatch();
      }
      st.executeBatch();
    }
    return count;
  }

  private int customers(Connection c, List<List<Long>> addresses) throws SQLException {
    long addressId = 0;
    try (var cs = c.prepareStatement("INSERT INTO shop.customers (id, email, first_name, last_name, created_at)"
            + " VALUES (?, ?, ?, ?, ?)");
        var as = c.prepareStatement("INSERT INTO shop.addresses (id, customer_id, kind, street, city, postal_code,"
            + " country) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= customers; id++) {
        cs.setLong(1, id);
        cs.setString(2, "customer" + id + "@example.com");
        cs.setString(3, pick(FIRST));
        cs.setString(4, pick(LAST));
        cs.setTimestamp(5, timestamp());
        cs.addBatch();
        var own = new ArrayList<Long>();
        for (int n = 0; n < 1 + random.nextInt(2); n++) {
          int city = random.nextInt(CITY.length);
          as.setLong(1, ++addressId);
          as.setLong(2, id);
          as.setString(3, n == 0 ? "billing" : "shipping");
          as.setString(4, (1 + random.nextInt(200)) + " " + capitalize(pick(WORD)) + " Street");
          as.setString(5, CITY[city]);
          as.setString(6, random.nextInt(10) == 0 ? null : Integer.toString(10_000 + random.nextInt(89_999)));
          as.setString(7, COUNTRY[city]);
          as.addBatch();
          own.add(addressId);
        }
        addresses.add(own);
      }
      cs.executeBatch();
      as.executeBatch();
    }
    return customers + (int) addressId;
  }

  private int orders(Connection c, List<List<Long>> addresses, List<BigDecimal> prices) throws SQLException {
    int orders = customers * 3;
    long lineId = 0;
    try (var os = c.prepareStatement("INSERT INTO shop.orders (id, customer_id, status, ordered_at,"
            + " shipping_address_id) VALUES (?, ?, ?, ?, ?)");
        var ls = c.prepareStatement("INSERT INTO shop.order_lines (id, order_id, product_id, quantity, unit_price)"
            + " VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= orders; id++) {
        int customer = 1 + random.nextInt(customers);
        var own = addresses.get(customer - 1);
        os.setLong(1, id);
        os.setLong(2, customer);
        os.setString(3, pick(STATUS));
        os.setTimestamp(4, timestamp());
        setNullableLong(os, 5, random.nextInt(8) == 0 ? null : own.get(random.nextInt(own.size())));
        os.addBatch();
        for (int n = 0; n < 1 + random.nextInt(5); n++) {
          int product = random.nextInt(prices.size());
          ls.setLong(1, ++lineId);
          ls.setLong(2, id);
          ls.setLong(3, product + 1L);
          ls.setInt(4, 1 + random.nextInt(5));
          ls.setBigDecimal(5, prices.get(product));
          ls.addBatch();
        }
      }
      os.executeBatch();
      ls.executeBatch();
    }
    return orders + (int) lineId;
  }

  private static void setNullableLong(PreparedStatement st, int index, Long value) throws SQLException {
    if (value == null) {
      st.setNull(index, Types.BIGINT);
    } else {
      st.setLong(index, value);
    }
  }

  private Timestamp timestamp() {
    // microsecond precision, as PostgreSQL stores it
    return Timestamp.from(EPOCH.plusNanos(random.nextLong(300L * 86_400 * 1_000_000) * 1000));
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
