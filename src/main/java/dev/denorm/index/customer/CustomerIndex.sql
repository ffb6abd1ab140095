-- The documents of the customers index, stated in SQL: one row (doc_id, doc) per document.
-- verify compares the index with this; it must agree with shared/reference/oracle.sql.
CREATE OR REPLACE FUNCTION pg_temp.ts(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

CREATE OR REPLACE FUNCTION pg_temp.address(a shop.addresses) RETURNS jsonb LANGUAGE sql AS
$$ SELECT CASE WHEN a.id IS NULL THEN NULL ELSE jsonb_build_object(
     'id', a.id, 'kind', a.kind, 'street', a.street, 'city', a.city,
     'postal_code', a.postal_code, 'country', a.country) END $$;

SELECT c.id::text AS doc_id,
       jsonb_build_object('id', c.id, 'email', c.email, 'first_name', c.first_name,
                          'last_name', c.last_name, 'created_at', pg_temp.ts(c.created_at),
                          'addresses', COALESCE((SELECT jsonb_agg(pg_temp.address(a) ORDER BY a.id)
                                                 FROM shop.addresses a WHERE a.customer_id = c.id), '[]'::jsonb),
                          'order_count', (SELECT count(*) FROM shop.orders o WHERE o.customer_id = c.id)) AS doc
FROM shop.customers c;
