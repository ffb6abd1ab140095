-- The documents of the products index, stated in SQL: one row (doc_id, doc) per document.
-- verify compares the index with this; it must agree with shared/reference/oracle.sql.
CREATE OR REPLACE FUNCTION pg_temp.ts(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

SELECT p.id::text AS doc_id,
       jsonb_build_object('id', p.id, 'sku', p.sku, 'name', p.name,
                          'description', p.description, 'price', p.price,
                          'tags', to_jsonb(p.tags), 'updated_at', pg_temp.ts(p.updated_at)) AS doc
FROM shop.products p;
