-- 0009 watchlist: the trader's list of instruments, in the order they chose.
--
-- Keyed by token. No foreign key to instruments on purpose: the master is
-- refreshed daily (and an expired contract leaves it), and a refresh must
-- never silently empty the trader's list; the API shows such a row as
-- "no longer in the master" instead.
--
-- position orders the rows (0, 1, 2, ...). Not UNIQUE: a move renumbers the
-- rows in one transaction, which a unique (non-deferred) constraint would
-- refuse half-way through.

CREATE TABLE watchlist (
  instrument_token bigint      PRIMARY KEY CHECK (instrument_token > 0),
  position         integer     NOT NULL CHECK (position >= 0),
  added_at         timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE watchlist IS
  'The watchlist, ordered by position; survives restarts. No FK: a master refresh must not drop rows.';

CREATE INDEX watchlist_position ON watchlist (position);
