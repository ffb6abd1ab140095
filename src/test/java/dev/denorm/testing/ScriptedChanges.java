package dev.denorm.testing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The scripted series of source changes the end-to-end tests apply after the snapshot: inserts,
 * updates, deletes, foreign-key moves, a primary-key change, a product rename, a long TOASTed
 * description whose row is then updated in another column, values equal to Debezium's default TOAST
 * placeholder (inserted and updated), and multi-row transactions. Works on
 * any shop made by ShopGenerator with at least 10 customers (ids below 9000).
 */
public final class ScriptedChanges {

  private ScriptedChanges() {}

  public static void apply(Connection c) throws SQLException {
    c.setAutoCommit(true);
    Sql.exec(c, "INSERT INTO shop.customers (id, email, first_name, last_name, created_at)"
        + " VALUES (9001, 'new@example.com', 'Nia', 'New', '2026-05-05T05:05:05.123456Z')");
    Sql.exec(c, "INSERT INTO shop.addresses VALUES (9001, 9001, 'billing', '1 New Road', 'Bergen', NULL, 'NO')");
    Sql.exec(c, "INSERT INTO shop.addresses VALUES (9002, 9001, 'shipping', '2 Char Way', 'Bern', '3000', 'C')");
    Sql.exec(c, "INSERT INTO shop.orders VALUES (9001, 9001, 'NEW', '2026-06-01T10:00:00Z', 9002)");
    Sql.exec(c, "INSERT INTO shop.order_lines VALUES (9001, 9001, 1, 2, 10.10), (9002, 9001, 2, 3, 0.05)");
    // updates
    Sql.exec(c, "UPDATE shop.orders SET status = 'PAID' WHERE id = 9001");
    Sql.exec(c, "UPDATE shop.order_lines SET quantity = 7 WHERE id = 9002");
    Sql.exec(c, "UPDATE shop.customers SET last_name = 'Renamed-Ünïcode ✓' WHERE id = 2");
    // deletes
    Sql.exec(c, "DELETE FROM shop.order_lines WHERE id = (SELECT min(id) FROM shop.order_lines WHERE order_id = 1)");
    Sql.exec(c, "DELETE FROM shop.orders WHERE id = 2");
    Sql.exec(c, "DELETE FROM shop.addresses WHERE id = (SELECT min(id) FROM shop.addresses WHERE customer_id = 3)");
    Sql.exec(c, "DELETE FROM shop.orders WHERE customer_id = 4");
    Sql.exec(c, "DELETE FROM shop.customers WHERE id = 4");
    // foreign-key moves: order to another customer, line to another product and order, address to another customer
    Sql.exec(c, "UPDATE shop.orders SET customer_id = 5, shipping_address_id = NULL WHERE id = 3");
    Sql.exec(c, "UPDATE shop.order_lines SET product_id = 3, order_id = 9001 WHERE id = (SELECT max(id) FROM shop.order_lines WHERE order_id = 5)");
    Sql.exec(c, "UPDATE shop.addresses SET customer_id = 6 WHERE id = (SELECT max(id) FROM shop.addresses WHERE customer_id = 7)");
    Sql.exec(c, "UPDATE shop.orders SET shipping_address_id = 9001 WHERE id = 6");
    // primary-key change of a product without lines, and of an order line
    Sql.exec(c, "INSERT INTO shop.products (id, sku, name, price, tags) VALUES (9001, 'SKU-PK', 'Pk', 1.00, '{a,NULL,\"b,c\"}')");
    Sql.exec(c, "UPDATE shop.products SET id = 9002 WHERE id = 9001");
    Sql.exec(c, "UPDATE shop.order_lines SET id = 9999 WHERE id = 9001");
    // a product rename reaches every order with a line for it
    Sql.exec(c, "UPDATE shop.products SET name = 'Renamed product' WHERE id = 1");
    // a TOASTed description, then an update of another column (Debezium sends a placeholder for it)
    // (md5 hex barely compresses, so 12 800 characters are stored out of line, not inline-compressed)
    Sql.exec(c, "UPDATE shop.products SET description = (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 400) i) WHERE id = 2");
    Sql.exec(c, "UPDATE shop.products SET price = 12.30, updated_at = '2026-07-07T07:07:07.7Z' WHERE id = 2");
    // real values equal to Debezium's default TOAST placeholder, by insert and by update (text and text[])
    Sql.exec(c, "INSERT INTO shop.customers (id, email, first_name, last_name, created_at)"
        + " VALUES (9003, 'literal@example.com', 'Lit', '__debezium_unavailable_value', '2026-05-05T05:05:05Z')");
    Sql.exec(c, "UPDATE shop.customers SET last_name = '__debezium_unavailable_value' WHERE id = 3");
    Sql.exec(c, "INSERT INTO shop.products (id, sku, name, description, price, tags)"
        + " VALUES (9003, 'SKU-LIT', 'Literal', '__debezium_unavailable_value', 2.00, '{__debezium_unavailable_value}')");
    Sql.exec(c, "UPDATE shop.products SET tags = '{__debezium_unavailable_value}', description = '__debezium_unavailable_value'"
        + " WHERE id = 5");
    // multi-row transactions
    c.setAutoCommit(false);
    Sql.exec(c, "INSERT INTO shop.orders VALUES (9002, 8, 'NEW', '2026-06-02T10:00:00Z', NULL)");
    Sql.exec(c, "INSERT INTO shop.order_lines VALUES (9003, 9002, 2, 1, 99.99), (9004, 9002, 9002, 4, 1.00)");
    Sql.exec(c, "UPDATE shop.customers SET email = 'moved@example.com' WHERE id = 8");
    Sql.exec(c, "UPDATE shop.order_lines SET unit_price = unit_price + 0.01 WHERE order_id IN (SELECT id FROM shop.orders WHERE customer_id = 9)");
    c.commit();
    Sql.exec(c, "DELETE FROM shop.order_lines WHERE order_id = 9002");
    Sql.exec(c, "DELETE FROM shop.orders WHERE id = 9002");
    Sql.exec(c, "UPDATE shop.products SET tags = '{}' WHERE id = 3");
    c.commit();
    c.setAutoCommit(true);
  }

}
