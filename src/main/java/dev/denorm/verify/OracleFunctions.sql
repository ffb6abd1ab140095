-- Functions every index's oracle SQL may use: verify creates them (in pg_temp, for its own
-- transaction only) before it runs the SQL. To run an index's SQL by hand, run this first.

-- A timestamp as the documents' JSON writes it: ISO-8601 in UTC with microseconds and a Z.
CREATE OR REPLACE FUNCTION pg_temp.ts(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;
