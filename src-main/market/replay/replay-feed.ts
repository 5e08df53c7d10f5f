/**
 * The `replay` feed: the stored ticks of one IST day, read back from
 * market_ticks in time order and delivered as if live, 1x to 100x. It runs on
 * the main thread, reading a window of market time per query (keyset by time,
 * no long-open cursor: a transaction held for an hour-long replay would block
 * the partition manager's DETACH); replay rates are far below what needs a
 * worker. Its ticks are not stored again (persist = false) and are labelled
 * simulated: they are history, not the market now. Gaps longer than a few
 * seconds of wall time (lunch, the night) are skipped.
 */
import { sql } from 'kysely';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { Tick } from '../../../src-shared/domain/tick';
import { istDayEndUtc, istDayStartUtc, parseIstDay, type IstDay } from '../../../src-shared/market/ist-calendar';
import type { Feed, FeedStatus } from '../feed-port';
import { FeedListeners } from '../feed-listeners';
import type { DatabaseService } from '../../db/service';
import type { Logger } from '../../log';
import { createTickStage, type TickStage } from '../ingest/tick-stage';
import { loadInstruments } from '../service/market-queries';

export interface ReplayFeedOptions {
  db: DatabaseService;
  day: IstDay;
  /** 1 … 100 times real time. */
  speed: number;
  log: Logger;
  batchMs?: number;
  /** Wall time of a gap that is skipped rather than waited out. */
  maxGapWallMs?: number;
}

interface Row {
  token: number;
  ts: number;
  ltp: number;
  last_qty: number | null;
  volume: number | null;
  oi: number | null;
  bid: number | null;
  bid_qty: number | null;
  ask: number | null;
  ask_qty: number | null;
}

export class ReplayFeed implements Feed {
  readonly name = 'replay';
  readonly simulated = true;
  readonly persist = false;
  readonly #o: ReplayFeedOptions;
  readonly #from: number;
  readonly #to: number;
  readonly #listeners = new FeedListeners();
  readonly onBatch = this.#listeners.onBatch;
  readonly status = this.#listeners.status;
  readonly onStatus = this.#listeners.onStatus;
  readonly #subscribed = new Set<number>();
  #instruments: Instrument[] = [];
  #stage: TickStage | null = null;
  #timer: NodeJS.Timeout | null = null;
  #buffer: Tick[] = [];
  #next = 0;
  #fetchedUntil = 0;
  #fetching: Promise<void> | null = null;
  /** Market time = #marketAt + (wall − #wallAt) × speed. */
  #marketAt = 0;
  #wallAt = 0;
  #finished = false;
  replayed = 0;

  constructor(options: ReplayFeedOptions) {
    if (!Number.isFinite(options.speed) || options.speed < 1 || options.speed > 100) throw new RangeError(`replay speed must be 1 to 100, got ${options.speed}`);
    this.#o = options;
    const day = parseIstDay(options.day);
    this.#from = istDayStartUtc(day);
    this.#to = istDayEndUtc(day);
  }

  get finished(): boolean {
    return this.#finished;
  }

  async connect(): Promise<void> {
    const db = this.#o.db.kysely();
    const { rows } = await sql<{ first: number | null }>`
      SELECT (extract(epoch FROM min(ts)) * 1000)::float8 AS first FROM market_ticks WHERE ts >= ${new Date(this.#from)} AND ts < ${new Date(this.#to)}`.execute(db);
    const first = rows[0]?.first ?? null;
    const tokens = await db.selectFrom('instruments').select('instrument_token').execute();
    this.#instruments = await loadInstruments(db, tokens.map((t) => Number(t.instrument_token)));
    this.#stage = createTickStage({ knownTokens: this.#instruments.map((i) => i.token), persist: false, flags: 0 });
    this.#marketAt = first === null ? this.#from : Math.round(first);
    this.#fetchedUntil = this.#marketAt;
    this.#wallAt = Date.now();
    if (first === null) {
      this.#finished = true;
      this.#o.log.warn('nothing to replay: no ticks stored for the day', { day: this.#o.day });
    }
    this.#setStatus({ connected: true, error: first === null ? `No ticks are stored for ${this.#o.day}.` : null });
    this.#timer = setInterval(() => this.#pump(), this.#o.batchMs ?? 20);
  }

  async disconnect(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#fetching;
    this.#setStatus({ connected: false, error: null });
  }

  instruments(): readonly Instrument[] {
    return this.#instruments;
  }

  subscribe(tokens: readonly number[]): void {
    for (const token of tokens) this.#subscribed.add(token);
  }

  unsubscribe(tokens: readonly number[]): void {
    for (const token of tokens) this.#subscribed.delete(token);
  }

  now(): number {
    return Math.min(this.#to, this.#marketAt + (Date.now() - this.#wallAt) * this.#o.speed);
  }

  /** Market time covered by one query: a second of wall time's worth, at least a second. */
  get #windowMs(): number {
    return Math.max(1_000, 1_000 * this.#o.speed);
  }

  #pump(): void {
    if (this.#finished || !this.#stage) return;
    const clock = this.now();
    if (this.#fetchedUntil < this.#to && this.#fetchedUntil - clock < this.#windowMs && !this.#fetching) {
      this.#fetching = this.#fetch().finally(() => (this.#fetching = null));
    }
    const due: Tick[] = [];
    while (this.#next < this.#buffer.length && (this.#buffer[this.#next] as Tick).ts <= clock) {
      const tick = this.#buffer[this.#next] as Tick;
      this.#next += 1;
      if (this.#subscribed.has(tick.token)) due.push(tick);
    }
    if (this.#next === this.#buffer.length && this.#next > 0) {
      this.#buffer = [];
      this.#next = 0;
    }
    if (due.length > 0) {
      this.replayed += due.length;
      const batch = this.#stage.stage(due, performance.timeOrigin + performance.now());
      this.#listeners.emitBatch(batch);
    }
    if (this.#fetchedUntil >= this.#to && this.#buffer.length === 0 && !this.#fetching) {
      this.#finished = true;
      this.#o.log.info('replay finished', { day: this.#o.day, ticks: this.replayed });
    }
  }

  async #fetch(): Promise<void> {
    const from = this.#fetchedUntil;
    const to = Math.min(this.#to, from + this.#windowMs);
    try {
      const rows = await this.#query(from, to);
      this.#fetchedUntil = to;
      for (const row of rows) this.#buffer.push(toTick(row));
      if (rows.length === 0) await this.#skipGap(to);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#o.log.warn('reading ticks to replay failed; retrying', { error: message });
      this.#setStatus({ connected: true, error: `Replay is waiting for the database: ${message}` });
    }
  }

  /** Nothing until `after`: jump the clock to the next stored tick if it is more than a few seconds of wall time away. */
  async #skipGap(after: number): Promise<void> {
    if (this.#buffer.length > this.#next) return;
    const { rows } = await sql<{ next: number | null }>`
      SELECT (extract(epoch FROM min(ts)) * 1000)::float8 AS next FROM market_ticks WHERE ts >= ${new Date(after)} AND ts < ${new Date(this.#to)}`.execute(this.#o.db.kysely());
    const next = rows[0]?.next ?? null;
    if (next === null) {
      this.#fetchedUntil = this.#to;
      return;
    }
    const clock = this.now();
    if ((next - clock) / this.#o.speed > (this.#o.maxGapWallMs ?? 3_000)) {
      this.#marketAt = Math.floor(next) - 1;
      this.#wallAt = Date.now();
      this.#fetchedUntil = Math.floor(next);
    }
  }

  #query(from: number, to: number): Promise<Row[]> {
    return sql<Row>`
      SELECT token::float8 AS token, round(extract(epoch FROM ts) * 1000)::float8 AS ts, (ltp * 100)::float8 AS ltp, last_qty,
             volume::float8 AS volume, oi::float8 AS oi, (bid_price * 100)::float8 AS bid, bid_qty, (ask_price * 100)::float8 AS ask, ask_qty
      FROM market_ticks WHERE ts >= ${new Date(from)} AND ts < ${new Date(to)}
      ORDER BY ts`
      .execute(this.#o.db.kysely())
      .then((result) => result.rows);
  }

  #setStatus(status: FeedStatus): void {
    this.#listeners.setStatus(status);
  }
}

function toTick(row: Row): Tick {
  return {
    token: row.token,
    ts: row.ts,
    ltp: row.ltp,
    lastQty: row.last_qty ?? 0,
    volume: row.volume ?? 0,
    oi: row.oi ?? 0,
    bid: row.bid,
    bidQty: row.bid_qty ?? 0,
    ask: row.ask,
    askQty: row.ask_qty ?? 0,
  };
}
