-- 0011 app_settings, and the login role of the database panel's SQL console.
--
-- 1. app_settings: small key/value settings the trader edits from the UI
--    (first: 'retention', read by the partition manager). One jsonb value per
--    key, validated by the application (src-main/dbadmin/retention-settings.ts).
--    No secret may ever be stored here: the read-only console can read it.
--
-- 2. tickdesk_console: the only role the SQL console logs in as. The pool
--    logs in as the superuser, and a superuser session can always get its
--    rights back from inside a query (set_config('role', ...), SET SESSION
--    AUTHORIZATION), whatever role it switched to. A session whose *login* is
--    an ordinary role cannot: it may only SET ROLE to roles it is a member of.
--    So the console opens its own connection as tickdesk_console and then
--    runs SET LOCAL ROLE tickdesk_readonly in a READ ONLY transaction.
--    The password is NULL here (no login possible); the app sets a random
--    one, held only in memory, each time it starts.

CREATE TABLE app_settings (
  key        text        PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
  value      jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE app_settings IS
  'Trader-editable settings as jsonb by key (retention, ...); never secrets (the read-only console can read it).';

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'tickdesk_console') THEN
    CREATE ROLE tickdesk_console LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
      CONNECTION LIMIT 4 PASSWORD NULL;
  END IF;
END
$$;

GRANT tickdesk_readonly TO tickdesk_console;

-- Backstops for a session that somehow skipped the app's own settings.
ALTER ROLE tickdesk_console SET default_transaction_read_only = on;
ALTER ROLE tickdesk_console SET statement_timeout = '30s';
ALTER ROLE tickdesk_console SET lock_timeout = '5s';
ALTER ROLE tickdesk_console SET idle_in_transaction_session_timeout = '60s';

-- The console may read the statistics views in full (other sessions' query
-- text in pg_stat_activity, every statement in pg_stat_statements): this is
-- the trader's own database. pg_read_all_stats grants reading, nothing else.
GRANT pg_read_all_stats TO tickdesk_readonly;
