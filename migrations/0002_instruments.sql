-- 0002 instruments: the instrument master of the day.
--
-- Prices (strike, tick size) are NUMERIC rupees, never float. Strike is
-- NUMERIC(18,2) like every price; tick size keeps 4 decimals so a currency
-- master (0.0025) fits too. The master of the day is the authority for lot
-- size, tick size and freeze quantity: they are data, refreshed daily, never
-- constants in code.
--
-- instrument_token is the broker's token (Kite: segment in its low byte);
-- the feed, the candles and the ledger all key on it.

CREATE TABLE instruments (
  instrument_token bigint PRIMARY KEY,
  exchange_token   bigint,
  tradingsymbol    text        NOT NULL,
  -- For derivatives the underlying's name (NIFTY, RELIANCE), as the masters give it.
  name             text        NOT NULL DEFAULT '',
  exchange         text        NOT NULL
    CONSTRAINT instruments_exchange_check
    CHECK (exchange IN ('NSE', 'NFO', 'BSE', 'BFO', 'CDS', 'BCD', 'MCX', 'NCO')),
  -- Free text as the master says it: NSE, NFO-FUT, NFO-OPT, INDICES, ...
  segment          text        NOT NULL,
  instrument_type  text        NOT NULL
    CONSTRAINT instruments_instrument_type_check
    CHECK (instrument_type IN ('EQ', 'FUT', 'CE', 'PE', 'INDEX')),
  expiry           date,
  strike           numeric(18,2),
  lot_size         integer     NOT NULL DEFAULT 1 CHECK (lot_size > 0),
  tick_size        numeric(12,4) NOT NULL CHECK (tick_size > 0),
  -- Exchange freeze quantity in units; NULL where none applies (cash market).
  freeze_qty       integer     CHECK (freeze_qty > 0),
  -- Which feed/master the row came from: simulated, kite, kotak, ...
  broker           text        NOT NULL DEFAULT 'simulated',
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT instruments_derivative_expiry_check
    CHECK (instrument_type NOT IN ('FUT', 'CE', 'PE') OR expiry IS NOT NULL),
  CONSTRAINT instruments_option_strike_check
    CHECK (instrument_type NOT IN ('CE', 'PE') OR strike IS NOT NULL),
  CONSTRAINT instruments_exchange_symbol_key UNIQUE (exchange, tradingsymbol)
);

COMMENT ON TABLE instruments IS
  'Instrument master (refreshed daily). Prices in NUMERIC rupees; lot/tick/freeze are data with the master''s date.';

-- Search box: substring and fuzzy match on symbol and name (ILIKE '%nif%', %).
CREATE INDEX instruments_tradingsymbol_trgm ON instruments USING gin (tradingsymbol gin_trgm_ops);
CREATE INDEX instruments_name_trgm ON instruments USING gin (name gin_trgm_ops);

-- Option chains and futures of one underlying: name = 'NIFTY' AND expiry = ...
CREATE INDEX instruments_name_expiry ON instruments (name, expiry, instrument_type);
