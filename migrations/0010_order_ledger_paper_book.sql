-- 0010 the order ledger's event names, and the paper broker's book.
--
-- 1. order_events.event_type: the ledger stores the event types of
--    src-shared/orders/order-events.ts verbatim (VALIDATION_PASSED,
--    RISK_PASSED, MODIFY_CONFIRMED, CANCEL_CONFIRMED were missing or spelt
--    otherwise in 0005). The old names stay allowed so nothing already
--    written, and no test that writes them, is refused.
--
-- 2. Idempotency by the id the trader chose, whatever the order became. The
--    client order id of a sliced order lives on in its slices ('id.1',
--    'id.2', ...), so 0005's one-INTENT-per-client-id cannot see that 'id'
--    placed whole and 'id' placed again with a quantity that slices are the
--    same order. This index keeps ONE head INTENT per root id: a lone order's
--    own, or its first slice's.
--
-- 3. paper_orders / paper_trades: the book of the paper broker, the simulated
--    venue. It is the VENUE's memory, deliberately kept apart from the ledger:
--    start-up reconciliation asks the venue what it knows about an order (by
--    client order id), and that question is only meaningful if the venue
--    remembers independently of our ledger. An order is in paper_orders
--    exactly when the paper broker accepted it; its trades are in
--    paper_trades. Both survive a restart, and the resting orders go on
--    matching against live quotes after it.
--    paper_orders is a mutable book (status, fills, modifications);
--    paper_trades is written once per execution.

ALTER TABLE order_events DROP CONSTRAINT order_events_event_type_check;
ALTER TABLE order_events ADD CONSTRAINT order_events_event_type_check
  CHECK (event_type IN (
    'INTENT',
    'VALIDATION_PASSED', 'VALIDATED', 'VALIDATION_FAILED',
    'RISK_PASSED', 'RISK_ACCEPTED', 'RISK_REJECTED',
    'SLICED',
    'REQUEST_SENT', 'RESPONSE_RECEIVED', 'REQUEST_FAILED', 'UPDATE_RECEIVED',
    'STATUS_CHANGED',
    'FILL',
    'MODIFY_REQUESTED', 'MODIFY_CONFIRMED', 'MODIFY_REJECTED',
    'CANCEL_REQUESTED', 'CANCEL_CONFIRMED', 'CANCEL_REJECTED',
    'REJECTED',
    'RECONCILED'
  ));

CREATE UNIQUE INDEX order_events_intent_root_client_id ON order_events (split_part(client_order_id, '.', 1))
  WHERE event_type = 'INTENT' AND (parent_order_id IS NULL OR client_order_id LIKE '%.1');

CREATE SEQUENCE paper_order_number;

CREATE TABLE paper_orders (
  -- 'PO' + number: the id the venue hands back (our broker_order_id).
  broker_order_id   text          PRIMARY KEY DEFAULT 'PO' || lpad(nextval('paper_order_number')::text, 10, '0'),
  -- Idempotency at the venue too: one order per client order id.
  client_order_id   text          NOT NULL CONSTRAINT paper_orders_client_order_id_key UNIQUE,
  token             bigint        NOT NULL,
  side              text          NOT NULL CONSTRAINT paper_orders_side_check CHECK (side IN ('BUY', 'SELL')),
  order_type        text          NOT NULL CONSTRAINT paper_orders_order_type_check CHECK (order_type IN ('MKT', 'L', 'SL', 'SL-M')),
  product           text          NOT NULL CONSTRAINT paper_orders_product_check CHECK (product IN ('MIS', 'CNC', 'NRML')),
  validity          text          NOT NULL CONSTRAINT paper_orders_validity_check CHECK (validity IN ('DAY', 'IOC')),
  quantity          integer       NOT NULL CHECK (quantity > 0),
  filled_quantity   integer       NOT NULL DEFAULT 0,
  price             numeric(18,2),
  trigger_price     numeric(18,2),
  -- Basis points of the price; -1 automatic (the order types' own unit).
  market_protection integer       NOT NULL DEFAULT 0,
  -- The worst price a market order (or a triggered SL-M) may fill at, fixed
  -- when it became marketable; NULL before.
  protection_price  numeric(18,2),
  -- Stop orders: true once the trigger was touched (then they match as L / MKT).
  triggered         boolean       NOT NULL DEFAULT false,
  status            text          NOT NULL
    CONSTRAINT paper_orders_status_check CHECK (status IN ('OPEN', 'TRIGGER_PENDING', 'COMPLETE', 'CANCELLED', 'REJECTED')),
  status_message    text,
  placed_at         timestamptz   NOT NULL DEFAULT clock_timestamp(),
  updated_at        timestamptz   NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT paper_orders_filled_check CHECK (filled_quantity >= 0 AND filled_quantity <= quantity)
);

COMMENT ON TABLE paper_orders IS
  'The paper broker''s book (the simulated venue''s memory, apart from the ledger); survives restarts.';

CREATE INDEX paper_orders_working ON paper_orders (token) WHERE status IN ('OPEN', 'TRIGGER_PENDING');

CREATE TABLE paper_trades (
  -- '<broker_order_id>-<n>': the n-th execution of that order, so an id is
  -- stable and never reused without a sequence round trip.
  trade_id        text          PRIMARY KEY,
  broker_order_id text          NOT NULL REFERENCES paper_orders (broker_order_id),
  quantity        integer       NOT NULL CHECK (quantity > 0),
  price           numeric(18,2) NOT NULL CHECK (price >= 0),
  traded_at       timestamptz   NOT NULL DEFAULT clock_timestamp()
);

COMMENT ON TABLE paper_trades IS 'Executions of the paper broker, one row per trade.';

CREATE INDEX paper_trades_broker_order_id ON paper_trades (broker_order_id);
