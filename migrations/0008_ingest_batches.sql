-- 0008 ingest_batches: the exactly-once ledger of the tick writer.
--
-- Every flush of ticks into market_ticks runs as
--   BEGIN; INSERT INTO ingest_batches (batch_id, rows) VALUES (...) ON CONFLICT DO NOTHING;
--          COPY market_ticks FROM STDIN; COMMIT;
-- so a batch id is present exactly when its rows are. A COPY that failed
-- mid-flight (PostgreSQL killed during COMMIT) may or may not have committed;
-- the batch waits in the on-disk journal under the same id and, when it is
-- replayed, a batch id already here means "already written": skipped, never
-- written twice.
--
-- Pruned by age (committed_at) by the writer, and only while its journal is
-- empty: an id is needed only as long as a journaled copy of its batch may exist.

CREATE TABLE ingest_batches (
  batch_id     uuid        PRIMARY KEY,
  rows         integer     NOT NULL CHECK (rows >= 0),
  committed_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE ingest_batches IS
  'Batch ids of tick flushes committed to market_ticks (same transaction as the COPY): journal replay skips those present.';

CREATE INDEX ingest_batches_committed_at ON ingest_batches USING brin (committed_at);
