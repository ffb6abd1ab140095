-- The documents of the customers index, stated in SQL: one row (doc_id, doc) per document.
-- verify compares the index with this; VerifyCommandIT and EndToEndIT check that the pipeline's
-- documents equal it on the reference shop. Uses pg_temp.ts (verify/OracleFunctions.sql) and
-- pg_temp.address (index/Addresses.sql, which the index class runs before it).

-- Set-based (one pass over addresses and orders, hash-joined), not a subquery per customer: the
-- foreign keys have no index in the reference schema, so per-row subqueries scan whole tables.
WITH addresses AS (
  SELECT a.customer_id, jsonb_agg(pg_temp.address(a) ORDER BY a.id) AS addresses
  FROM shop.addresses a GROUP BY a.customer_id),
orders AS (
  SELECT o.customer_id, count(*) AS order_count FROM shop.orders o GROUP BY o.customer_id)
SELECT c.id::text AS doc_id,
       jsonb_build_object('id', c.id, 'email', c.email, 'first_name', c.first_name,
                          'last_name', c.last_name, 'created_at', pg_temp.ts(c.created_at),
                          'addresses', COALESCE(a.addresses, '[]'::jsonb),
                          'order_count', COALESCE(o.order_count, 0)) AS doc
FROM shop.customers c
LEFT JOIN addresses a ON a.customer_id = c.id
LEFT JOIN orders o ON o.customer_id = c.id;
