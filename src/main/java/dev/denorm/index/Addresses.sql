-- An address as nested in the customers' and orders' documents (Address.avsc, Addresses.java), or
-- null for the row of an outer join that found none. CustomerIndex and OrderIndex run it before
-- their own SQL.
CREATE OR REPLACE FUNCTION pg_temp.address(a shop.addresses) RETURNS jsonb LANGUAGE sql AS
$$ SELECT CASE WHEN a.id IS NULL THEN NULL ELSE jsonb_build_object(
     'id', a.id, 'kind', a.kind, 'street', a.street, 'city', a.city,
     'postal_code', a.postal_code, 'country', a.country) END $$;
