package dev.denorm.faults;

import java.sql.Statement;
import dev.denorm.config.Endpoints;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The fault run's steady load, on one connection that reconnects after PostgreSQL restarts: single-
 * row updates of every captured table, inserts and deletes of lines, lines moved to another order
 * (a foreign-key move), and every 200th change a large transaction (300 lines at once).
 */
final class FaultLoad implements AutoCloseable {

  private final Endpoints endpoints;
  private final long customers;
  private final long products;
  private final long orders;
  private final long lines;
  private final AtomicLong nextLine;
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final ConcurrentLinkedQueue<Long> inserted = new ConcurrentLinkedQueue<>();
  private volatile boolean stopped;
  private Thread thread;

  FaultLoad(Endpoints endpoints) throws SQLException {
    this.endpoints = endpoints;
    try (var c = endpoints.connect(); var st = c.createStatement()) {
      customers = max(st, "customers");
      products = max(st, "products");
      orders = max(st, "orders");
      lines = max(st, "order_lines");
    }
    nextLine = new AtomicLong(lines + 1_000_000);
  }

  private static long max(Statement st, String table) throws SQLException {
    try (var rows = st.executeQuery("SELECT coalesce(max(id), 1) FROM shop." + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  FaultLoad start(int perSecond) {
    long period = 1_000_000_000L / perSecond;
    thread = Thread.ofPlatform().daemon().name("fault-load").start(() -> run(period));
    return this;
  }

  private void run(long period) {
    var random = new SplittableRandom(42);
    long due = System.nanoTime();
    Connection c = null;
    while (!stopped) {
      try {
        if (c == null) {
          c = endpoints.connect();
        }
        change(c, random);
        committed.incrementAndGet();
      } catch (SQLException e) {
        failed.incrementAndGet();
        close(c);
        c = null;
        LockSupport.parkNanos(500_000_000L); // PostgreSQL is restarting: try again in half a second
      }
      due += period;
      long now = System.nanoTime();
      if (now - due > 1_000_000_000L) {
        due = now;
      }
      LockSupport.parkNanos(due - now);
    }
    close(c);
  }

  private void change(Connection c, SplittableRandom random) throws SQLException {
    int kind = random.nextInt(200);
    try (var st = c.createStatement()) {
      if (kind == 0) {
        c.setAutoCommit(false);
        try {
          long from = 1 + random.nextLong(Math.max(1, lines - 300));
          st.executeUpdate("UPDATE shop.order_lines SET quantity = quantity % 9 + 1 WHERE id BETWEEN " + from + " AND "
              + (from + 299));
          st.executeUpdate("UPDATE shop.orders SET status = 'BULK" + random.nextInt(100) + "' WHERE id BETWEEN "
              + (1 + random.nextLong(orders)) + " AND " + orders + " AND id % 50 = 0");
          c.commit();
        } finally {
          c.setAutoCommit(true);
        }
      } else if (kind < 70) {
        st.executeUpdate("UPDATE shop.orders SET status = 'S" + random.nextInt(1000) + "' WHERE id = " + id(random, orders));
      } else if (kind < 120) {
        st.executeUpdate("UPDATE shop.order_lines SET quantity = " + (1 + random.nextInt(9)) + " WHERE id = "
            + id(random, lines));
      } else if (kind < 140) {
        st.executeUpdate("UPDATE shop.customers SET last_name = 'L" + random.nextInt(1000) + "' WHERE id = "
            + id(random, customers));
      } else if (kind < 160) {
        st.executeUpdate("UPDATE shop.products SET price = " + (1 + random.nextInt(9999)) / 100.0 + " WHERE id = "
            + id(random, products));
      } else if (kind < 176) {
        long line = nextLine.getAndIncrement();
        st.executeUpdate("INSERT INTO shop.order_lines (id, order_id, product_id, quantity, unit_price) VALUES (" + line
            + ", " + id(random, orders) + ", " + id(random, products) + ", 1, 9.99)");
        inserted.add(line);
      } else if (kind < 188) {
        Long line = inserted.poll();
        if (line != null) {
          st.executeUpdate("DELETE FROM shop.order_lines WHERE id = " + line);
        }
      } else {
        // a line moves to another order: it leaves one document and joins another
        st.executeUpdate("UPDATE shop.order_lines SET order_id = " + id(random, orders) + " WHERE id = "
            + id(random, lines));
      }
    }
  }

  private static long id(SplittableRandom random, long max) {
    return 1 + random.nextLong(max);
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // already broken
      }
    }
  }

  long committed() {
    return committed.get();
  }

  long failed() {
    return failed.get();
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    if (thread != null) {
      thread.join(10_000);
    }
  }
}
