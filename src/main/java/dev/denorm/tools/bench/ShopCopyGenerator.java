package dev.denorm.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Random;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Fills the reference schema with COPY, reproducibly (fixed seed). Product 1 is popular: each
 * line picks it with probability 0.05 (so it is in about 15 % of orders); every 20th product has
 * a long, incompressible description (stored out of line, TOAST); every 10th order has no
 * shipping address.
 */
final class ShopCopyGenerator {

  private static final String[] WORD = {"oak", "steel", "wool", "linen", "copper", "glass", "maple", "stone"};
  private static final String[] STATUS = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
  private static final String[] COUNTRY = {"DE", "FR", "PT", "NO", "PL", "CH", "GB", "FI"};
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private static final int CHUNK = 1 << 16;

  private final ShopSize size;
  private final Random random = new Random(42);
  private final long[] priceCents;

  ShopCopyGenerator(ShopSize size) {
    this.size = size;
    this.priceCents = new long[size.products() + 1];
  }

  /** Writes every table; returns the number of rows. */
  long fill(Connection connection) throws SQLException, IOException {
    var copy = new CopyManager(connection.unwrap(BaseConnection.class));
    long rows = copy(copy, "shop.products (id, sku, name, description, price, tags, updated_at)", size.products(),
        this::product);
    rows += copy(copy, "shop.customers (id, email, first_name, last_name, created_at)", size.customers(),
        (id, b) -> b.append(id).append("\tc").append(id).append("@example.com\t").append(pick(WORD))
            .append('\t').append(pick(WORD)).append(id).append('\t').append(EPOCH.plusSeconds(id)));
    rows += copy(copy, "shop.addresses (id, customer_id, kind, street, city, postal_code, country)", size.addresses(),
        (id, b) -> b.append(id).append('\t').append(customerOfAddress(id)).append('\t')
            .append(id % 2 == 0 ? "billing" : "shipping").append('\t').append(id).append(' ').append(pick(WORD))
            .append(" street\t").append(pick(WORD)).append("ton\t").append(id % 7 == 0 ? "\\N" : 10000 + id % 90000)
            .append('\t').append(pick(COUNTRY)));
    rows += copy(copy, "shop.orders (id, customer_id, status, ordered_at, shipping_address_id)", size.orders(),
        this::order);
    rows += copy(copy, "shop.order_lines (id, order_id, product_id, quantity, unit_price)", size.lines(),
        this::line);
    try (var st = connection.createStatement()) {
      st.execute("ANALYZE");
    }
    return rows;
  }

  private void product(long id, StringBuilder b) {
    long cents = 100 + random.nextInt(99_900);
    priceCents[(int) id] = cents;
    b.append(id).append("\tSKU-").append(id).append('\t').append(pick(WORD)).append(' ').append(pick(WORD))
        .append(' ').append(id).append('\t');
    if (id % 20 == 0) {
      for (int i = 0; i < 9000; i++) {
        b.append((char) ('a' + random.nextInt(26)));
      }
    } else {
      b.append("A ").append(pick(WORD)).append(" thing.");
    }
    b.append('\t').append(money(cents)).append("\t{").append(pick(WORD)).append(',').append(pick(WORD))
        .append("}\t").append(EPOCH.plusSeconds(id));
  }

  private void order(long id, StringBuilder b) {
    int customer = 1 + random.nextInt(size.customers());
    b.append(id).append('\t').append(customer).append('\t').append(pick(STATUS)).append('\t')
        .append(EPOCH.plusSeconds(3600 + id)).append('\t');
    // the customer's own address when it has one (address ids customer, customer + customers, ...)
    b.append(id % 10 == 0 || customer > size.addresses() ? "\\N" : Integer.toString(customer));
  }

  private void line(long id, StringBuilder b) {
    int product = random.nextDouble() < 0.05 ? 1 : 1 + random.nextInt(size.products());
    b.append(id).append('\t').append(1 + random.nextInt(size.orders())).append('\t').append(product).append('\t')
        .append(1 + random.nextInt(5)).append('\t').append(money(priceCents[product]));
  }

  private long customerOfAddress(long id) {
    return (id - 1) % size.customers() + 1;
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String money(long cents) {
    return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
  }

  @FunctionalInterface
  private interface RowWriter {
    void write(long id, StringBuilder row);
  }

  private static long copy(CopyManager copy, String table, int count, RowWriter writer)
      throws SQLException {
    CopyIn in = copy.copyIn("COPY " + table + " FROM STDIN");
    try {
      var b = new StringBuilder(CHUNK + 16_384);
      for (long id = 1; id <= count; id++) {
        writer.write(id, b);
        b.append('\n');
        if (b.length() >= CHUNK || id == count) {
          byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
          in.writeToCopy(bytes, 0, bytes.length);
          b.setLength(0);
        }
      }
      return in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }
}
