package dev.denorm.tools.bench;

import java.math.BigDecimal;
import dev.denorm.config.Endpoints;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady background load of single-row changes, each its own transaction, over several
 * connections with {@code synchronous_commit=off}: the shop's mix (orders.status,
 * order_lines.quantity, customers.last_name and products.price updates, order_lines inserts and
 * deletes) or orders.status updates alone. Rows the probes use (the top orders, product 1 of the
 * fan-out) are left alone. A thread that falls behind does not catch up in a burst, so
 * {@link #achieved()} is the rate really committed.
 */
final class LoadGenerator implements AutoCloseable {

  /** Which changes: the shop's mix of tables, or one table's one column. */
  enum Mix { SHOP, ORDERS_STATUS }

  private static final int CONNECTIONS = 4;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong nextLineId;
  private final ConcurrentLinkedQueue<Long> inserted = new ConcurrentLinkedQueue<>();
  private final ShopSize size;
  private final int loadOrders;
  private final Mix mix;
  private volatile boolean stopped;
  private long startNanos;
  private long stopNanos;

  LoadGenerator(ShopSize size, int reservedOrders, AtomicLong nextLineId, Mix mix) {
    this.size = size;
    this.mix = mix;
    this.loadOrders = Math.max(1, size.orders() - reservedOrders);
    this.nextLineId = nextLineId;
  }

  void start(Endpoints endpoints, int perSecond) throws SQLException {
    startNanos = System.nanoTime();
    long period = (long) (1e9 * CONNECTIONS / perSecond);
    for (int i = 0; i < CONNECTIONS; i++) {
      var c = endpoints.connect();
      try (var st = c.createStatement()) {
        st.execute("SET synchronous_commit = off");
      }
      var random = new SplittableRandom(1000 + i);
      threads.add(Thread.ofPlatform().daemon().name("bench-load-" + i).start(() -> work(c, random, period)));
    }
  }

  private void work(Connection c, SplittableRandom random, long period) {
    try (c; var status = c.prepareStatement("UPDATE shop.orders SET status = ? WHERE id = ?");
         var quantity = c.prepareStatement("UPDATE shop.order_lines SET quantity = ? WHERE id = ?");
         var lastName = c.prepareStatement("UPDATE shop.customers SET last_name = ? WHERE id = ?");
         var price = c.prepareStatement("UPDATE shop.products SET price = ? WHERE id = ?");
         var insert = c.prepareStatement("INSERT INTO shop.order_lines (id, order_id, product_id, quantity, unit_price)"
             + " VALUES (?, ?, ?, 1, 9.99)");
         var delete = c.prepareStatement("DELETE FROM shop.order_lines WHERE id = ?")) {
      long due = System.nanoTime();
      while (!stopped) {
        int kind = mix == Mix.ORDERS_STATUS ? 0 : random.nextInt(100);
        try {
          if (kind < 30) {
            status.setString(1, "S" + random.nextInt(1000));
            status.setLong(2, 1 + random.nextInt(loadOrders));
            status.executeUpdate();
          } else if (kind < 60) {
            quantity.setInt(1, 1 + random.nextInt(9));
            quantity.setLong(2, 1 + random.nextInt(size.lines()));
            quantity.executeUpdate();
          } else if (kind < 75) {
            lastName.setString(1, "L" + random.nextInt(1000));
            lastName.setLong(2, 1 + random.nextInt(size.customers()));
            lastName.executeUpdate();
          } else if (kind < 85 || size.products() < 2) {
            price.setBigDecimal(1, BigDecimal.valueOf(100 + random.nextInt(10_000), 2));
            price.setLong(2, size.products() < 2 ? 1 : 2 + random.nextInt(size.products() - 1));
            price.executeUpdate();
          } else {
            Long old = kind < 93 ? null : inserted.poll();
            if (old != null) {
              delete.setLong(1, old);
              delete.executeUpdate();
            } else {
              long id = nextLineId.getAndIncrement();
              insert.setLong(1, id);
              insert.setLong(2, 1 + random.nextInt(loadOrders));
              insert.setLong(3, size.products() < 2 ? 1 : 2 + random.nextInt(size.products() - 1));
              insert.executeUpdate();
              inserted.add(id);
            }
          }
          committed.incrementAndGet();
        } catch (SQLException e) {
          failed.incrementAndGet();
        }
        due += period;
        long now = System.nanoTime();
        if (now - due > 1_000_000_000L) {
          due = now; // more than a second behind: the rate is not reachable, do not burst
        }
        LockSupport.parkNanos(due - now); // paces this connection at its share of the rate
      }
    } catch (SQLException e) {
      failed.incrementAndGet();
    }
  }

  long committed() {
    return committed.get();
  }

  long failed() {
    return failed.get();
  }

  /** Changes committed per second, from start to stop (or to now while running). */
  double achieved() {
    return committed.get() / seconds();
  }

  /** Seconds from start to stop (or to now while running). */
  double seconds() {
    long end = stopNanos != 0 ? stopNanos : System.nanoTime();
    return (end - startNanos) / 1e9;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    for (var t : threads) {
      t.join(10_000);
    }
    stopNanos = System.nanoTime();
  }
}
