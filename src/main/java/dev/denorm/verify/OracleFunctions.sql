-- Functions every index's oracle SQL may use: verify creates them (in pg_temp, for its own
-- transaction only) before it runs the SQL. To run an index's SQL by hand, run this first.

-- A timestamp as the documents' JSON writes it: ISO-8601 in UTC with microseconds and a Z.
CREATE OR REPLACE FUNCTION pg_temp.ts(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

-- A document id from its root's key columns, as denorm writes it (RowKey#text): one column's text
-- as is; several columns' texts each with '%' as %25 and ',' as %2C, joined by ','.
CREATE OR REPLACE FUNCTION pg_temp.doc_id(VARIADIC parts text[]) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN cardinality(parts) = 1 THEN parts[1]
   ELSE array_to_string(ARRAY(SELECT replace(replace(p, '%', '%25'), ',', '%2C') FROM unnest(parts) p), ',') END $$;
