-- 0004 candles: OHLCV per (token, timeframe, bucket), persisted by the candle
-- builder from the same batches that feed market_ticks.
--
-- bucket is the start of the half-open interval [bucket, bucket + timeframe).
-- Buckets align to the IST clock; a 1d bucket is the IST day's 00:00 (+05:30).
-- Prices NUMERIC(18,2) rupees; VWAP keeps 4 decimals (an average).

CREATE TABLE candles (
  token     bigint        NOT NULL,
  timeframe text          NOT NULL
    CONSTRAINT candles_timeframe_check
    CHECK (timeframe IN ('1s', '1m', '5m', '15m', '1h', '1d')),
  bucket    timestamptz   NOT NULL,
  open      numeric(18,2) NOT NULL,
  high      numeric(18,2) NOT NULL,
  low       numeric(18,2) NOT NULL,
  close     numeric(18,2) NOT NULL,
  -- Quantity traded within the bucket (not the day's cumulative volume).
  volume    bigint        NOT NULL DEFAULT 0,
  trades    integer       NOT NULL DEFAULT 0,
  vwap      numeric(18,4),
  -- Open interest at the bucket's close; NULL for the cash market.
  oi        bigint,
  CONSTRAINT candles_pkey PRIMARY KEY (token, timeframe, bucket),
  CONSTRAINT candles_range_check CHECK (low <= high AND low <= open AND low <= close AND high >= open AND high >= close)
);

COMMENT ON TABLE candles IS
  'OHLCV candles; bucket = start of [bucket, bucket + timeframe), aligned in IST.';
