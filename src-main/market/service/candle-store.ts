/**
 * Persists closed candles to `candles`, batched (one statement per flush, at
 * most every 250 ms), through the shared pool. An upsert MERGES with a row
 * already there, because a bucket can be seen in two parts: the app restarted
 * within the hour (or the day), or stop() saved the bar still forming. Open
 * stays (the stored part is the earlier one), high/low widen, close and OI
 * take the newer part, intraday volume and trades add up, 1d volume is the
 * exchange's cumulative figure (the larger), VWAP is the volume-weighted mix.
 *
 * Not exactly-once like the ticks: if the connection dies during COMMIT the
 * retry can count a bucket's volume twice. Candles can always be rebuilt from
 * market_ticks; the ticks are the record.
 *
 * While the database is away candles wait in memory (bounded; beyond the
 * bound the oldest are dropped and counted).
 */
import type pg from 'pg';
import { paiseToRupeesString } from '../../../src-shared/money';
import type { Logger } from '../../log';
import type { ClosedCandle } from '../candle-builder';
import { vwapRupees } from '../turnover';
import { errorMessage } from '../ingest/write-errors';

const UPSERT_SQL = `INSERT INTO candles AS c (token, timeframe, bucket, open, high, low, close, volume, trades, vwap, oi)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::bigint[], $9::int[], $10::numeric[], $11::bigint[])
ON CONFLICT (token, timeframe, bucket) DO UPDATE SET
  high = GREATEST(c.high, EXCLUDED.high),
  low = LEAST(c.low, EXCLUDED.low),
  close = EXCLUDED.close,
  volume = CASE WHEN c.timeframe = '1d' THEN GREATEST(c.volume, EXCLUDED.volume) ELSE c.volume + EXCLUDED.volume END,
  trades = c.trades + EXCLUDED.trades,
  vwap = CASE
    WHEN c.vwap IS NULL THEN EXCLUDED.vwap
    WHEN EXCLUDED.vwap IS NULL THEN c.vwap
    WHEN c.volume + EXCLUDED.volume = 0 THEN EXCLUDED.vwap
    ELSE round((c.vwap * c.volume + EXCLUDED.vwap * EXCLUDED.volume) / (c.volume + EXCLUDED.volume), 4)
  END,
  oi = EXCLUDED.oi`;

export interface CandleStoreOptions {
  pool: () => pg.Pool;
  databaseReady: () => boolean;
  /** Whether the instrument has open interest (F&O); cash and indices store NULL. */
  hasOpenInterest: (token: number) => boolean;
  log: Logger;
  maxPending?: number;
  maxPerStatement?: number;
}

export class CandleStore {
  readonly #o: CandleStoreOptions;
  readonly #pending = new Map<string, ClosedCandle>();
  #flushing: Promise<void> | null = null;
  written = 0;
  dropped = 0;
  lastError: string | null = null;

  constructor(options: CandleStoreOptions) {
    this.#o = options;
  }

  get pending(): number {
    return this.#pending.size;
  }

  add(candles: readonly ClosedCandle[]): void {
    const max = this.#o.maxPending ?? 500_000;
    for (const candle of candles) {
      const key = `${candle.token}|${candle.timeframe}|${candle.bucket}`;
      this.#pending.delete(key);
      this.#pending.set(key, candle);
    }
    while (this.#pending.size > max) {
      const oldest = this.#pending.keys().next().value as string;
      this.#pending.delete(oldest);
      this.dropped += 1;
    }
  }

  /** Writes what is pending; keeps it for the next call when the database is away. Never throws. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    const per = this.#o.maxPerStatement ?? 5_000;
    while (this.#pending.size > 0 && this.#o.databaseReady()) {
      const batch: ClosedCandle[] = [];
      for (const candle of this.#pending.values()) {
        batch.push(candle);
        if (batch.length >= per) break;
      }
      try {
        await this.#o.pool().query(UPSERT_SQL, this.#columns(batch));
      } catch (error) {
        this.lastError = `saving candles failed: ${errorMessage(error)}`;
        this.#o.log.warn('saving candles failed; they are kept and retried', { error: errorMessage(error), pending: this.#pending.size });
        return;
      }
      this.lastError = null;
      for (const candle of batch) {
        const key = `${candle.token}|${candle.timeframe}|${candle.bucket}`;
        if (this.#pending.get(key) === candle) this.#pending.delete(key);
      }
      this.written += batch.length;
    }
  }

  #columns(batch: readonly ClosedCandle[]): unknown[] {
    const cols: unknown[][] = Array.from({ length: 11 }, () => []);
    for (const c of batch) {
      cols[0]?.push(String(c.token));
      cols[1]?.push(c.timeframe);
      cols[2]?.push(new Date(c.bucket).toISOString());
      cols[3]?.push(paiseToRupeesString(c.open));
      cols[4]?.push(paiseToRupeesString(c.high));
      cols[5]?.push(paiseToRupeesString(c.low));
      cols[6]?.push(paiseToRupeesString(c.close));
      cols[7]?.push(String(c.volume));
      cols[8]?.push(c.trades);
      cols[9]?.push(vwapRupees(c.turnover, c.vwapVolume));
      cols[10]?.push(this.#o.hasOpenInterest(c.token) ? String(c.oi) : null);
    }
    return cols;
  }
}
