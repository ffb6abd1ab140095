-- The documents of the products index, stated in SQL: one row (doc_id, doc) per document.
-- verify compares the index with this; VerifyCommandIT and EndToEndIT check that the pipeline's
-- documents equal it on the reference shop. Uses pg_temp.ts (verify/OracleFunctions.sql).
SELECT p.id::text AS doc_id,
       jsonb_build_object('id', p.id, 'sku', p.sku, 'name', p.name,
                          'description', p.description, 'price', p.price,
                          'tags', to_jsonb(p.tags), 'updated_at', pg_temp.ts(p.updated_at)) AS doc
FROM shop.products p;
