-- The documents of the orders index, stated in SQL: one row (doc_id, doc) per document.
-- verify compares the index with this; VerifyCommandIT and EndToEndIT check that the pipeline's
-- documents equal it on the reference shop. Uses pg_temp.ts (verify/OracleFunctions.sql) and
-- pg_temp.address (index/Addresses.sql, which the index class runs before it).

-- Set-based (one pass over the lines, hash-joined), not a subquery per order: the foreign keys
-- have no index in the reference schema, so per-row subqueries scan whole tables.
WITH l AS (
  SELECT ol.order_id,
         jsonb_agg(jsonb_build_object('id', ol.id, 'quantity', ol.quantity, 'unit_price', ol.unit_price,
                                      'line_total', ol.quantity * ol.unit_price,
                                      'product', jsonb_build_object('id', p.id, 'sku', p.sku, 'name', p.name))
                   ORDER BY ol.id) AS lines,
         count(*) AS line_count,
         sum(ol.quantity * ol.unit_price) AS total
  FROM shop.order_lines ol JOIN shop.products p ON p.id = ol.product_id
  GROUP BY ol.order_id)
SELECT o.id::text AS doc_id,
       jsonb_build_object('id', o.id, 'status', o.status, 'ordered_at', pg_temp.ts(o.ordered_at),
                          'customer', jsonb_build_object('id', c.id, 'email', c.email,
                                                         'first_name', c.first_name, 'last_name', c.last_name),
                          'shipping_address', pg_temp.address(a),
                          'lines', COALESCE(l.lines, '[]'::jsonb),
                          'line_count', COALESCE(l.line_count, 0),
                          'total', COALESCE(l.total, 0)) AS doc
FROM shop.orders o
JOIN shop.customers c ON c.id = o.customer_id
LEFT JOIN shop.addresses a ON a.id = o.shipping_address_id
LEFT JOIN l ON l.order_id = o.id;
