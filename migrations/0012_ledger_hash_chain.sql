-- 0012 tamper evidence: a SHA-256 hash chain over the order ledger.
--
-- Every order_events row gets
--   prev_hash = hash of the event before it (32 zero bytes for the first), and
--   hash      = sha256(prev_hash || canonical(row)),
-- so editing, deleting or reordering any event breaks the link at that event
-- (src-main/audit/verify-chain.ts walks the chain and names the first break).
--
-- It is done here, in a BEFORE INSERT trigger, so it is transparent to every
-- writer (the ledger writer, tests, a psql session): nobody can append an
-- unchained event by forgetting to chain it.
--
-- ORDER OF THE CHAIN = event_id order = commit order. The identity default is
-- computed before BEFORE triggers fire, i.e. before we hold any lock, so two
-- concurrent transactions could commit ids out of order (id 10 after id 11)
-- and the chain would fork. Therefore the trigger
--   1. takes a transaction-level advisory lock (held until COMMIT/ROLLBACK),
--   2. only then draws event_id afresh from the identity's sequence,
--   3. reads the previous hash with ORDER BY event_id DESC LIMIT 1.
-- Every chained id is drawn under the lock, and the lock is released only
-- after the holder's rows are visible, so the next holder sees them and draws
-- a larger id. Each insert spends two sequence values (the default's and
-- ours): gaps in event_id are normal (rolled-back inserts leave them too).
--
-- Step 3 relies on each statement of a VOLATILE function taking a fresh
-- snapshot, which is true at READ COMMITTED only; at REPEATABLE READ or
-- SERIALIZABLE the transaction's snapshot could predate the previous
-- holder's commit and fork the chain, so those are refused (SQLSTATE 40001,
-- a retryable serialization failure).
--
-- Cost: ledger appends are serialised until commit. The OMS is the ledger's
-- only writer and its transactions are short, so that costs nothing in
-- practice; a long transaction that appends early holds up other appends.
--
-- A logical restore (pg_dump data) must use --disable-triggers, or the
-- trigger would renumber the events.

-- The canonical bytes of one event: a version tag, then each column as
-- "<UTF-8 byte length>:<UTF-8 text>", NULL as "~". Length prefixes make the
-- encoding unambiguous without escaping. payload is jsonb's text form, which
-- is canonical for a given value (keys sorted, one spacing). created_at is UTC
-- ISO 8601 with microseconds. Node recomputes exactly this (chain-canonical.ts).
-- The text is built whole and converted once (a call per column costs more
-- than the hash); octet_length counts UTF-8 bytes because the database is
-- UTF8, which cluster-init.ts fixes and this migration checks.
DO $$
BEGIN
  IF pg_catalog.getdatabaseencoding() <> 'UTF8' THEN
    RAISE EXCEPTION 'The ledger hash chain needs a UTF8 database, not %', pg_catalog.getdatabaseencoding();
  END IF;
END
$$;

CREATE FUNCTION tickdesk_order_event_canonical(e order_events) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
RETURN convert_to(
  'tickdesk.order_events.v1'
  || octet_length(e.event_id::text) || ':' || e.event_id::text
  || octet_length(e.order_id::text) || ':' || e.order_id::text
  || octet_length(e.client_order_id) || ':' || e.client_order_id
  || coalesce(octet_length(e.parent_order_id::text) || ':' || e.parent_order_id::text, '~')
  || coalesce(octet_length(e.broker_order_id) || ':' || e.broker_order_id, '~')
  || octet_length(e.seq::text) || ':' || e.seq::text
  || octet_length(e.event_type) || ':' || e.event_type
  || coalesce(octet_length(e.status_after) || ':' || e.status_after, '~')
  || octet_length(e.payload::text) || ':' || e.payload::text
  || octet_length(e.strategy_id) || ':' || e.strategy_id
  || coalesce(octet_length(e.algo_id) || ':' || e.algo_id, '~')
  || octet_length(e.broker) || ':' || e.broker
  || '27:' || to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  'UTF8');

COMMENT ON FUNCTION tickdesk_order_event_canonical(order_events) IS
  'Canonical bytes of a ledger event for the hash chain; mirrored in src-main/audit/chain-canonical.ts.';

CREATE FUNCTION tickdesk_chain_order_event() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
  previous bytea;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'order_events appends must run at READ COMMITTED, not %', current_setting('transaction_isolation')
      USING ERRCODE = 'serialization_failure',
            HINT = 'The hash chain must see the latest committed event; retry at READ COMMITTED.';
  END IF;
  -- 'tdledger' as a bigint; src-main/audit/chain-lock.ts names the same key.
  PERFORM pg_advisory_xact_lock(8386947588802700658);
  NEW.event_id := nextval('public.order_events_event_id_seq');
  SELECT e.hash INTO previous FROM public.order_events e ORDER BY e.event_id DESC LIMIT 1;
  -- No event yet: the genesis link. A last event without a hash (written
  -- with this trigger disabled) is not refused here — the trading path must
  -- not stop — but verify reports it as the first broken link.
  previous := coalesce(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  NEW.prev_hash := previous;
  NEW.hash := sha256(previous || tickdesk_order_event_canonical(NEW));
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION tickdesk_chain_order_event() IS
  'BEFORE INSERT on order_events: draws event_id under an advisory lock and chains prev_hash/hash (see 0012).';

-- BEFORE triggers fire in name order; "zz" keeps this one last, so it hashes
-- the row as any other BEFORE trigger leaves it. ENABLE ALWAYS: replica mode
-- must not append unchained events.
CREATE TRIGGER zz_order_events_hash_chain BEFORE INSERT ON order_events
  FOR EACH ROW EXECUTE FUNCTION tickdesk_chain_order_event();
ALTER TABLE order_events ENABLE ALWAYS TRIGGER zz_order_events_hash_chain;

-- Switching the chain on: events written before this migration had NULL
-- hashes (the columns were reserved in 0005). Chain them now, in event_id
-- order, so the chain covers the whole ledger. Filling these two reserved
-- columns is the only change ever made to existing events, hence the guard
-- is lifted for this one statement and put back exactly as it was (ALWAYS).
DO $$
DECLARE
  r public.order_events;
  previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
  h bytea;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM public.order_events) THEN
    RETURN;
  END IF;
  ALTER TABLE public.order_events DISABLE TRIGGER order_events_append_only_row;
  ALTER TABLE public.order_events DISABLE TRIGGER order_events_append_only_stmt;
  FOR r IN SELECT * FROM public.order_events ORDER BY event_id LOOP
    h := sha256(previous || tickdesk_order_event_canonical(r));
    UPDATE public.order_events SET prev_hash = previous, hash = h WHERE event_id = r.event_id;
    previous := h;
  END LOOP;
  ALTER TABLE public.order_events ENABLE ALWAYS TRIGGER order_events_append_only_row;
  ALTER TABLE public.order_events ENABLE ALWAYS TRIGGER order_events_append_only_stmt;
END
$$;
