/**
 * The main thread's share of the market data path, per batch from any feed:
 * hand the encoded rows to the COPY writer, fold the accepted ticks into the
 * latest quotes and the candles, queue closed candles for the database, and
 * add up the guard's verdicts for the health line. Guarding and encoding were
 * done where the feed normalises (tick-stage.ts), off this thread.
 */
import type { TickGuardCounters } from '../tick-guard';
import { TIMEFRAMES, type Timeframe } from '../../../src-shared/market/timeframe';
import type { TickBatch } from '../feed-port';
import { createCandleBuilder, type CandleBuilder } from '../candle-builder';
import { readTick } from '../ingest/tick-columns';
import type { Tick } from '../../../src-shared/domain/tick';
import type { TickWriter } from '../ingest/tick-writer';
import type { CandleStore } from './candle-store';
import type { CandleKey, CandleUpdate } from './market-service';
import { QuoteBook, type PreviousClose } from './quote-book';

export const emptyVerdicts = (): TickGuardCounters => ({ accepted: 0, unknownToken: 0, badPrice: 0, malformed: 0, duplicate: 0, outOfOrder: 0 });

const candleKey = (token: number, timeframe: Timeframe) => token * 8 + TIMEFRAMES.indexOf(timeframe);

export class IngestPipeline {
  readonly quotes: QuoteBook;
  readonly candles: CandleBuilder = createCandleBuilder();
  readonly verdicts = emptyVerdicts();
  readonly #writer: TickWriter | null;
  readonly #store: CandleStore | null;
  #interest = new Set<number>();
  /** Accepted ticks since the last takeAccepted() (ticks/s on the health line). */
  #acceptedWindow = 0;
  #idleTakes = 0;
  /** One tick object reused for every row (the quote book and candle builder copy what they keep). */
  readonly #scratch: Tick = { token: 0, ts: 0, ltp: 0, lastQty: 0, volume: 0, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 };

  constructor(options: { writer: TickWriter | null; store: CandleStore | null; previousCloses: ReadonlyMap<number, PreviousClose> }) {
    this.#writer = options.writer;
    this.#store = options.store;
    this.quotes = new QuoteBook(options.previousCloses);
  }

  accept(batch: TickBatch): void {
    for (const key of Object.keys(this.verdicts) as Array<keyof TickGuardCounters>) this.verdicts[key] += batch.verdicts[key];
    this.#acceptedWindow += batch.columns.count;
    if (this.#writer && batch.copy) this.#writer.write({ bytes: batch.copy.bytes, rows: batch.copy.rows, receivedAt: batch.receivedAt });
    const { count } = batch.columns;
    const tick = this.#scratch;
    for (let i = 0; i < count; i += 1) {
      readTick(batch.columns, i, tick);
      this.quotes.update(tick);
      this.candles.update(tick);
    }
    this.#storeClosed();
  }

  /** Closes candles whose bucket ended at or before `ms` (quiet instruments) and queues them. */
  closeUpTo(ms: number): void {
    this.candles.closeUpTo(ms);
    this.#storeClosed();
  }

  /** At stop: the bars still forming are saved too (the store merges them with their continuation after a restart). */
  finish(): void {
    this.closeUpTo(Number.POSITIVE_INFINITY);
  }

  setInterest(keys: readonly CandleKey[]): void {
    this.#interest = new Set(keys.map((k) => candleKey(k.token, k.timeframe)));
  }

  /** Changed candles of interest since the previous call (each once, latest state). */
  takeCandles(): CandleUpdate[] {
    if (this.#interest.size === 0) {
      // Nobody watches a chart: skip the snapshots, but still empty the builder's changed set now and then (it grows with every new bucket).
      this.#idleTakes += 1;
      if (this.#idleTakes >= 60) {
        this.#idleTakes = 0;
        this.candles.takeChanged();
      }
      return [];
    }
    return this.candles.takeChanged().filter((c) => this.#interest.has(candleKey(c.token, c.timeframe)));
  }

  takeAccepted(): number {
    const n = this.#acceptedWindow;
    this.#acceptedWindow = 0;
    return n;
  }

  #storeClosed(): void {
    const closed = this.candles.closed();
    if (closed.length > 0) this.#store?.add(closed);
  }
}
