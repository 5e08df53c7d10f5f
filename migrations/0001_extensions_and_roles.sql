-- 0001 extensions and roles.
--
-- Conventions for every Tickdesk migration (they are frozen once shipped: a
-- change is a new file, never an edit):
--   * Everything lives in schema `public`: one application, one database.
--   * Money and prices are NUMERIC, never float: NUMERIC(18,2) rupees for
--     prices, values and charges (exactly integer paise on the TypeScript side),
--     NUMERIC(18,4) for averages (avg price, VWAP), which may carry fractions
--     of a paisa until they are shown.
--   * Timestamps are timestamptz (stored UTC, shown in IST). Wall-clock times
--     of the exchange (session hours) are `time` in IST.
--   * Each file runs whole inside one transaction (the Migrator's), so no
--     CONCURRENTLY, VACUUM or transaction control here.

CREATE EXTENSION IF NOT EXISTS pg_trgm;             -- instrument search by symbol / name
CREATE EXTENSION IF NOT EXISTS pgcrypto;            -- digest() for the ledger hash chain
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;  -- slowest statements in the database panel

-- Roles are cluster-wide and may already exist (another database in the same
-- cluster, a restored backup), hence the guards.
--
-- tickdesk_app: the role day-to-day work will run as (SET ROLE). It may read
-- and write ordinary tables, but the append-only tables (order_events, fills,
-- audit_log) revoke UPDATE, DELETE and TRUNCATE from it, on top of the
-- triggers that refuse those statements to everyone, superuser included.
--
-- tickdesk_readonly: the SQL console of the database panel. SELECT only, and
-- never on broker_accounts. Sessions using it should also set
-- transaction_read_only and a statement_timeout (role-level settings apply
-- only at login, and this role cannot log in).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'tickdesk_app') THEN
    CREATE ROLE tickdesk_app NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'tickdesk_readonly') THEN
    CREATE ROLE tickdesk_readonly NOLOGIN;
  END IF;
END
$$;

ALTER ROLE tickdesk_readonly SET default_transaction_read_only = on;

GRANT USAGE ON SCHEMA public TO tickdesk_app, tickdesk_readonly;

-- Tables created from now on by the migrating role (including the day
-- partitions the partition manager creates at run time) get these grants.
-- TRUNCATE is deliberately not granted: retention drops partitions as owner.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tickdesk_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO tickdesk_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT SELECT ON TABLES TO tickdesk_readonly;

-- The one guard behind every append-only table. A trigger function, so it
-- binds superusers too; ERRCODE restrict_violation (23001) lets the
-- application tell it apart from other failures.
CREATE FUNCTION tickdesk_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Append a new row (an event or a correcting entry) instead.';
END
$$;

COMMENT ON FUNCTION tickdesk_refuse_change() IS
  'Trigger function that refuses UPDATE, DELETE and TRUNCATE on append-only tables.';

-- Installs the guard on one table: a row-level trigger (fires even where
-- statement triggers do not, e.g. logical replication apply) and a
-- statement-level one (refuses TRUNCATE, and an UPDATE/DELETE that matches
-- no row). ENABLE ALWAYS keeps both firing under
-- session_replication_role = replica, the usual way to skip triggers.
-- Privileges: the application role keeps SELECT and INSERT only.
CREATE FUNCTION tickdesk_make_append_only(target regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_catalog.pg_class WHERE oid = target);
BEGIN
  EXECUTE format(
    'CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION tickdesk_refuse_change()',
    name || '_append_only_row', target);
  EXECUTE format(
    'CREATE TRIGGER %I BEFORE UPDATE OR DELETE OR TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION tickdesk_refuse_change()',
    name || '_append_only_stmt', target);
  EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER %I', target, name || '_append_only_row');
  EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER %I', target, name || '_append_only_stmt');
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM tickdesk_app', target);
END
$$;

COMMENT ON FUNCTION tickdesk_make_append_only(regclass) IS
  'Makes a table append-only: refuse triggers (enabled ALWAYS) and no UPDATE/DELETE/TRUNCATE for tickdesk_app.';

-- Only migrations (the owner) install guards.
REVOKE EXECUTE ON FUNCTION tickdesk_make_append_only(regclass) FROM PUBLIC;
