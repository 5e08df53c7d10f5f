-- 0007 strategies, risk settings, market sessions, audit and system logs,
-- broker accounts.

-- Strategies: who an order belongs to. 'manual' is the trader's own hand;
-- it is the default strategy_id of orders, fills and positions.
CREATE TABLE strategies (
  strategy_id text PRIMARY KEY,
  name        text        NOT NULL,
  mode        text        NOT NULL DEFAULT 'PAPER' CONSTRAINT strategies_mode_check CHECK (mode IN ('PAPER', 'LIVE')),
  -- Exchange-issued SEBI algo id, carried as the tag of every API order.
  algo_id     text,
  parameters  jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(parameters) = 'object'),
  enabled     boolean     NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO strategies (strategy_id, name, mode) VALUES ('manual', 'Manual', 'PAPER');

-- Risk limits in effect: exactly one row (id is always true). Amounts are
-- NUMERIC rupees. A NULL limit means "no limit"; the seeded values are a
-- cautious start for a retail account, meant to be edited (each change is
-- written to audit_log by the application).
CREATE TABLE risk_settings (
  id                               boolean     PRIMARY KEY DEFAULT true CONSTRAINT risk_settings_single_row CHECK (id),
  max_order_value                  numeric(18,2) CHECK (max_order_value > 0),
  max_position_value_per_instrument numeric(18,2) CHECK (max_position_value_per_instrument > 0),
  max_open_orders                  integer     CHECK (max_open_orders > 0),
  -- 10/s is the SEBI retail threshold above which an algo must be registered.
  max_orders_per_second            integer     NOT NULL DEFAULT 10 CHECK (max_orders_per_second > 0),
  -- Realised plus unrealised loss for the IST day that trips the kill switch (a positive amount).
  daily_loss_limit                 numeric(18,2) CHECK (daily_loss_limit > 0),
  kill_switch_engaged              boolean     NOT NULL DEFAULT false,
  kill_switch_reason               text,
  kill_switch_at                   timestamptz,
  updated_at                       timestamptz NOT NULL DEFAULT now()
);

INSERT INTO risk_settings (max_order_value, max_position_value_per_instrument, max_open_orders, max_orders_per_second, daily_loss_limit)
VALUES (5000000.00, 10000000.00, 100, 10, 100000.00);

-- NSE sessions by date. A row exists only where a day differs from the
-- default calendar (weekdays open 09:00 pre-open, 09:15-15:30; weekends
-- closed): holidays, special sessions (a Saturday budget day), Muhurat
-- trading. Times are IST wall-clock (`time`, no zone): the exchange's own
-- clock, which has no daylight saving.
-- No holidays are seeded: the exchange's circular is the authority and is
-- loaded as data, not guessed here.
CREATE TABLE market_sessions (
  trading_date   date PRIMARY KEY,
  session_type   text NOT NULL
    CONSTRAINT market_sessions_session_type_check
    CHECK (session_type IN ('NORMAL', 'HOLIDAY', 'SPECIAL', 'MUHURAT')),
  pre_open_start time,
  normal_open    time,
  normal_close   time,
  description    text NOT NULL DEFAULT '',
  CONSTRAINT market_sessions_hours_check CHECK (
    CASE WHEN session_type = 'HOLIDAY'
      THEN pre_open_start IS NULL AND normal_open IS NULL AND normal_close IS NULL
      ELSE normal_open IS NOT NULL AND normal_close IS NOT NULL AND normal_open < normal_close
           AND (pre_open_start IS NULL OR pre_open_start < normal_open)
    END)
);

COMMENT ON TABLE market_sessions IS
  'Exceptions to the default NSE calendar; times are IST wall-clock.';

-- Configuration changes, kill switch, logins to browser mode: append-only.
CREATE TABLE audit_log (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- 'trader', 'system', 'browser:<address>', a strategy id, ...
  actor   text        NOT NULL,
  -- Dotted verb: 'risk.update', 'killswitch.engage', 'session.login', ...
  action  text        NOT NULL,
  details jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object')
);

COMMENT ON TABLE audit_log IS
  'Who changed what and when; append-only (UPDATE, DELETE and TRUNCATE are refused by triggers enabled ALWAYS).';

SELECT tickdesk_make_append_only('audit_log');

CREATE INDEX audit_log_at ON audit_log (at);

-- Operational log for the UI. Not append-only: it is pruned by age.
CREATE TABLE system_log (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  level   text        NOT NULL CONSTRAINT system_log_level_check CHECK (level IN ('debug', 'info', 'warn', 'error')),
  source  text        NOT NULL,
  message text        NOT NULL,
  details jsonb CHECK (jsonb_typeof(details) = 'object')
);

CREATE INDEX system_log_at ON system_log (at);

-- Broker logins. Secrets (API secret, access token, TOTP seed, MPIN, ...)
-- exist here only as ciphertext: there is deliberately no column that could
-- hold one in the clear, and the read-only console role cannot read the table.
-- key_source says where the key lives: Electron safeStorage (OS keychain) or
-- a key derived from the trader's passphrase (kdf_params: salt and cost,
-- never the key).
CREATE TABLE broker_accounts (
  account_id         text PRIMARY KEY,
  broker             text        NOT NULL,
  -- The broker's client id; an identifier, not a secret.
  user_id            text,
  secrets_ciphertext bytea       NOT NULL CHECK (octet_length(secrets_ciphertext) > 0),
  -- AEAD nonce/IV when Tickdesk encrypts itself; NULL for safeStorage blobs.
  secrets_nonce      bytea,
  key_source         text        NOT NULL CONSTRAINT broker_accounts_key_source_check CHECK (key_source IN ('safeStorage', 'passphrase')),
  kdf_params         jsonb CHECK (jsonb_typeof(kdf_params) = 'object'),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT broker_accounts_passphrase_check
    CHECK (key_source <> 'passphrase' OR (secrets_nonce IS NOT NULL AND kdf_params IS NOT NULL))
);

COMMENT ON TABLE broker_accounts IS
  'Broker credentials, encrypted only (no plaintext column by design); hidden from tickdesk_readonly.';

REVOKE ALL ON broker_accounts FROM tickdesk_readonly;
