-- 0005 the order ledger (order_events) and its projection (orders).
--
-- order_events is the record and is append-only: every intent, validation
-- result, risk decision, request sent and response received (verbatim JSONB),
-- status change, fill, modify and cancel is a new row. Triggers refuse UPDATE,
-- DELETE and TRUNCATE to everyone (enabled ALWAYS, so
-- session_replication_role = replica does not skip them) and the application
-- role lacks those privileges. A correction is a new event, never an edit.
--
-- orders is a projection: the fold of each order's events. It can be dropped
-- and rebuilt from order_events, so it holds nothing the events do not
-- (created_at/updated_at are copied from events, hence no defaults), and no
-- foreign key ties the two (a rebuild empties orders).
--
-- Prices NUMERIC(18,2) rupees; average_price NUMERIC(18,4).

CREATE TABLE order_events (
  event_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Our id for the order. Kept apart from the broker's (broker_order_id),
  -- which is known only after the broker answers.
  order_id        uuid        NOT NULL,
  -- Idempotency key from the caller: the same client id twice is one order.
  client_order_id text        NOT NULL,
  -- Set on the children of a sliced order.
  parent_order_id uuid,
  broker_order_id text,
  -- 1, 2, 3, ... per order; UNIQUE(order_id, seq) makes two writers racing on
  -- one order fail instead of interleaving.
  seq             integer     NOT NULL CHECK (seq >= 1),
  event_type      text        NOT NULL
    CONSTRAINT order_events_event_type_check
    CHECK (event_type IN (
      'INTENT',              -- the order as asked for
      'VALIDATED', 'VALIDATION_FAILED',
      'RISK_ACCEPTED', 'RISK_REJECTED',
      'SLICED',              -- parent split into children above the freeze quantity
      'REQUEST_SENT',        -- verbatim request, written before the broker call
      'RESPONSE_RECEIVED',   -- verbatim response to a request
      'REQUEST_FAILED',      -- timeout / transport error: outcome unknown until reconciled
      'UPDATE_RECEIVED',     -- verbatim unsolicited update (postback, WebSocket)
      'STATUS_CHANGED',
      'FILL',
      'MODIFY_REQUESTED', 'MODIFY_REJECTED',
      'CANCEL_REQUESTED', 'CANCEL_REJECTED',
      'REJECTED',
      'RECONCILED'           -- state confirmed or corrected from the broker at start-up
    )),
  -- The order's status once this event is applied; NULL when it does not change.
  status_after    text
    CONSTRAINT order_events_status_after_check
    CHECK (status_after IN (
      'PENDING_LOCAL', 'SENT', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED',
      'FILLED', 'CANCELLED', 'REJECTED', 'MODIFY_PENDING', 'CANCEL_PENDING'
    )),
  -- Always an object: a verbatim request or response goes inside one
  -- ({"request": ...}, {"status": 200, "body": ...}), so readers never meet a bare scalar.
  payload         jsonb       NOT NULL CONSTRAINT order_events_payload_check CHECK (jsonb_typeof(payload) = 'object'),
  strategy_id     text        NOT NULL DEFAULT 'manual',
  -- SEBI algo id (tag) the order carries; NULL for manual orders.
  algo_id         text,
  broker          text        NOT NULL,
  -- clock_timestamp(), not now(): several events in one transaction keep
  -- their real times.
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Tamper evidence (audit issue): hash = SHA-256 over prev_hash and the
  -- event's canonical content; NULL until that chain is switched on.
  prev_hash       bytea,
  hash            bytea,
  CONSTRAINT order_events_order_seq_key UNIQUE (order_id, seq)
);

COMMENT ON TABLE order_events IS
  'The order ledger: append-only (UPDATE, DELETE and TRUNCATE are refused by triggers enabled ALWAYS). orders is its projection.';

SELECT tickdesk_make_append_only('order_events');

-- One INTENT per client order id, enforced where the race happens.
CREATE UNIQUE INDEX order_events_intent_client_id ON order_events (client_order_id)
  WHERE event_type = 'INTENT';
-- Audit history: by time range, and lookups by the broker's id.
CREATE INDEX order_events_created_at ON order_events (created_at);
CREATE INDEX order_events_broker_order_id ON order_events (broker_order_id)
  WHERE broker_order_id IS NOT NULL;

CREATE TABLE orders (
  order_id          uuid PRIMARY KEY,
  client_order_id   text          NOT NULL CONSTRAINT orders_client_order_id_key UNIQUE,
  parent_order_id   uuid,
  broker_order_id   text,
  token             bigint        NOT NULL,
  tradingsymbol     text          NOT NULL,
  exchange          text          NOT NULL,
  side              text          NOT NULL CONSTRAINT orders_side_check CHECK (side IN ('BUY', 'SELL')),
  order_type        text          NOT NULL CONSTRAINT orders_order_type_check CHECK (order_type IN ('MKT', 'L', 'SL', 'SL-M')),
  product           text          NOT NULL CONSTRAINT orders_product_check CHECK (product IN ('MIS', 'CNC', 'NRML')),
  validity          text          NOT NULL CONSTRAINT orders_validity_check CHECK (validity IN ('DAY', 'IOC')),
  -- No positivity checks on what the trader asked for: a refused intent is
  -- still projected (status REJECTED, reason in status_message).
  quantity          integer       NOT NULL,
  filled_quantity   integer       NOT NULL DEFAULT 0,
  price             numeric(18,2),
  trigger_price     numeric(18,2),
  average_price     numeric(18,4),
  status            text          NOT NULL
    CONSTRAINT orders_status_check
    CHECK (status IN (
      'PENDING_LOCAL', 'SENT', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED',
      'FILLED', 'CANCELLED', 'REJECTED', 'MODIFY_PENDING', 'CANCEL_PENDING'
    )),
  status_message    text,
  strategy_id       text          NOT NULL DEFAULT 'manual',
  algo_id           text,
  broker            text          NOT NULL,
  -- Kite semantics: 0 none, 0-100 (%), -1 automatic.
  market_protection numeric(6,2),
  -- The last event folded in, and its seq (the next event is last_seq + 1).
  last_event_id     bigint        NOT NULL,
  last_seq          integer       NOT NULL,
  created_at        timestamptz   NOT NULL,
  updated_at        timestamptz   NOT NULL,
  CONSTRAINT orders_filled_quantity_check CHECK (filled_quantity >= 0 AND filled_quantity <= greatest(quantity, 0))
);

COMMENT ON TABLE orders IS
  'Projection of order_events (the fold of each order''s events); rebuildable, so it holds nothing the events do not.';

CREATE UNIQUE INDEX orders_broker_order_id_key ON orders (broker, broker_order_id)
  WHERE broker_order_id IS NOT NULL;
CREATE INDEX orders_parent_order_id ON orders (parent_order_id)
  WHERE parent_order_id IS NOT NULL;
-- Open orders: the kill switch, risk (open order count) and start-up reconciliation.
CREATE INDEX orders_open ON orders (status)
  WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED');
CREATE INDEX orders_created_at ON orders (created_at);
