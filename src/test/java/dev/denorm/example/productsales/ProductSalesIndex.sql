-- The "Change a document" example of docs/writing-an-index.md: the products oracle with the two computed fields
-- (pg_temp.ts is verify's: verify/OracleFunctions.sql).
SELECT p.id::text AS doc_id,
       jsonb_build_object('id', p.id, 'sku', p.sku, 'name', p.name,
                          'description', p.description, 'price', p.price,
                          'tags', to_jsonb(p.tags), 'updated_at', pg_temp.ts(p.updated_at),
                          'times_ordered', (SELECT count(*) FROM shop.order_lines l WHERE l.product_id = p.id),
                          'total_quantity', (SELECT COALESCE(sum(l.quantity), 0) FROM shop.order_lines l
                                             WHERE l.product_id = p.id)) AS doc
FROM shop.products p;
