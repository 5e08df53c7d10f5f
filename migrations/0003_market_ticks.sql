-- 0003 market_ticks and market_depth: parents only, partitioned by IST day.
--
-- Partition bounds are half-open IST days, [day 00:00 IST, next day 00:00 IST):
--   CREATE TABLE market_ticks_20261120 PARTITION OF market_ticks
--     FOR VALUES FROM ('2026-11-20 00:00+05:30') TO ('2026-11-21 00:00+05:30');
-- Half-open ranges leave no gap (a range ending at 23:59:59 loses the last
-- second's fractions) and no overlap. Names use the IST date: market_ticks_YYYYMMDD,
-- market_depth_YYYYMMDD. The partition manager (market data issue) creates
-- today plus N days ahead at start-up and daily at 00:05 IST, and drops or
-- archives whole partitions past the retention. Retention never DELETEs.
--
-- "No tick is ever rejected for want of a partition": a DEFAULT partition
-- catches anything outside the day partitions (clock skew, a replay of an old
-- day, the app closed for weeks). It should stay small: attaching a day whose
-- rows sit in the default fails, so the manager first moves those rows out of
-- the default (in one transaction: create the day table, move rows, attach).
--
-- No primary key: ticks are deduplicated upstream (the on-disk journal writes
-- each batch once), and a unique index would halve COPY throughput. No CHECK
-- constraints either: a bad row in a COPY batch would reject the whole batch,
-- so validation (negative prices, unknown tokens) happens in the ingest code.

CREATE TABLE market_ticks (
  token        bigint        NOT NULL,
  -- Market time of the tick: the exchange timestamp when the feed gives one,
  -- else the time we received it. The partition key.
  ts           timestamptz   NOT NULL,
  ltp          numeric(18,2) NOT NULL,
  last_qty     integer,
  -- Cumulative volume and open interest of the day, as the exchange reports them.
  volume       bigint,
  oi           bigint,
  bid_price    numeric(18,2),
  bid_qty      integer,
  ask_price    numeric(18,2),
  ask_qty      integer,
  exchange_ts  timestamptz,
  received_at  timestamptz   NOT NULL,
  -- Bit flags set by the ingest code (e.g. out of order); 0 for a clean tick.
  flags        smallint      NOT NULL DEFAULT 0
) PARTITION BY RANGE (ts);

COMMENT ON TABLE market_ticks IS
  'Ticks, partitioned by IST day with half-open ranges [00:00 IST, next 00:00 IST); market_ticks_default catches the rest.';

-- Declared on the parent: PostgreSQL creates them on every partition.
-- BRIN: ticks arrive in time order, so a tiny BRIN serves time-range scans.
CREATE INDEX market_ticks_ts_brin ON market_ticks USING brin (ts);
CREATE INDEX market_ticks_token_ts ON market_ticks (token, ts);

CREATE TABLE market_ticks_default PARTITION OF market_ticks DEFAULT;

COMMENT ON TABLE market_ticks_default IS
  'Catch-all so no tick is rejected; the partition manager moves rows out before attaching their day.';

-- Depth snapshots (5 levels each side), same partitioning, shorter retention
-- (7 days by default). Levels are JSONB arrays, best first:
--   [{"price": 2450.05, "qty": 120, "orders": 3}, ...]
-- JSONB keeps the numbers exact; they are shown, never summed.
CREATE TABLE market_depth (
  token          bigint      NOT NULL,
  ts             timestamptz NOT NULL,
  bids           jsonb       NOT NULL,
  asks           jsonb       NOT NULL,
  total_buy_qty  bigint,
  total_sell_qty bigint,
  received_at    timestamptz NOT NULL
) PARTITION BY RANGE (ts);

COMMENT ON TABLE market_depth IS
  'Depth snapshots, partitioned like market_ticks (half-open IST days), shorter retention.';

CREATE INDEX market_depth_ts_brin ON market_depth USING brin (ts);
CREATE INDEX market_depth_token_ts ON market_depth (token, ts);

CREATE TABLE market_depth_default PARTITION OF market_depth DEFAULT;

COMMENT ON TABLE market_depth_default IS
  'Catch-all so no snapshot is rejected; the partition manager moves rows out before attaching their day.';
