-- 0006 fills (the trade book, append-only) and positions (derived from fills).
--
-- Every amount is NUMERIC(18,2) rupees (integer paise in TypeScript), each
-- charge rounded as its rule says before it is stored, so total_charges is an
-- exact sum. Averages keep 4 decimals.

CREATE TABLE fills (
  fill_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id        uuid          NOT NULL,
  -- The FILL event in order_events that this row books, written in the same
  -- transaction. No foreign key: it would make TRUNCATE order_events fail on
  -- the reference before the append-only trigger could say why.
  event_id        bigint        NOT NULL CONSTRAINT fills_event_id_key UNIQUE,
  broker          text          NOT NULL,
  broker_trade_id text          NOT NULL,
  token           bigint        NOT NULL,
  tradingsymbol   text          NOT NULL,
  exchange        text          NOT NULL,
  side            text          NOT NULL CONSTRAINT fills_side_check CHECK (side IN ('BUY', 'SELL')),
  product         text          NOT NULL CONSTRAINT fills_product_check CHECK (product IN ('MIS', 'CNC', 'NRML')),
  quantity        integer       NOT NULL CHECK (quantity > 0),
  price           numeric(18,2) NOT NULL CHECK (price >= 0),
  filled_at       timestamptz   NOT NULL,
  strategy_id     text          NOT NULL DEFAULT 'manual',
  algo_id         text,
  brokerage       numeric(18,2) NOT NULL CHECK (brokerage >= 0),
  stt             numeric(18,2) NOT NULL CHECK (stt >= 0),
  exchange_txn    numeric(18,2) NOT NULL CHECK (exchange_txn >= 0),
  sebi_fee        numeric(18,2) NOT NULL CHECK (sebi_fee >= 0),
  gst             numeric(18,2) NOT NULL CHECK (gst >= 0),
  stamp_duty      numeric(18,2) NOT NULL CHECK (stamp_duty >= 0),
  total_charges   numeric(18,2) NOT NULL,
  created_at      timestamptz   NOT NULL DEFAULT clock_timestamp(),
  -- A trade reported twice (a replayed update, start-up reconciliation) is booked once.
  CONSTRAINT fills_broker_trade_key UNIQUE (broker, broker_trade_id),
  CONSTRAINT fills_total_charges_check
    CHECK (total_charges = brokerage + stt + exchange_txn + sebi_fee + gst + stamp_duty)
);

COMMENT ON TABLE fills IS
  'Trade book: one row per execution with its charges broken down; append-only like the ledger.';

SELECT tickdesk_make_append_only('fills');

CREATE INDEX fills_order_id ON fills (order_id);
CREATE INDEX fills_filled_at ON fills (filled_at);

-- Positions are a fold of fills: they can be emptied and rebuilt from them.
-- strategy_id is part of the key and never NULL ('manual' for the trader's
-- own orders) so "close all" of one strategy leaves the others alone.
CREATE TABLE positions (
  token             bigint        NOT NULL,
  product           text          NOT NULL CONSTRAINT positions_product_check CHECK (product IN ('MIS', 'CNC', 'NRML')),
  strategy_id       text          NOT NULL DEFAULT 'manual',
  tradingsymbol     text          NOT NULL,
  exchange          text          NOT NULL,
  -- Signed: positive long, negative short.
  net_qty           integer       NOT NULL DEFAULT 0,
  -- Average price of the open quantity; kept across days so the next day's
  -- P&L is right.
  avg_price         numeric(18,4) NOT NULL DEFAULT 0,
  -- 4 decimals: closing against a fractional average gives fractions of a
  -- paisa, which are kept rather than silently rounded by the column.
  realised_pnl      numeric(18,4) NOT NULL DEFAULT 0,
  -- The IST trading day the day_* columns describe.
  trading_date      date          NOT NULL,
  day_buy_qty       integer       NOT NULL DEFAULT 0,
  day_sell_qty      integer       NOT NULL DEFAULT 0,
  day_buy_value     numeric(18,2) NOT NULL DEFAULT 0,
  day_sell_value    numeric(18,2) NOT NULL DEFAULT 0,
  -- Brought forward from earlier days (overnight NRML/CNC).
  carried_qty       integer       NOT NULL DEFAULT 0,
  carried_avg_price numeric(18,4) NOT NULL DEFAULT 0,
  charges           numeric(18,2) NOT NULL DEFAULT 0,
  updated_at        timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT positions_pkey PRIMARY KEY (token, product, strategy_id),
  CONSTRAINT positions_day_qty_check CHECK (day_buy_qty >= 0 AND day_sell_qty >= 0)
);

COMMENT ON TABLE positions IS
  'Positions derived from fills per (token, product, strategy); rebuildable from fills.';

CREATE INDEX positions_strategy_id ON positions (strategy_id);
