/**
 * The feed port: what the market service needs from a source of ticks, declared
 * here by its consumer. Adapters (brokers/: the simulated market in a worker thread,
 * Kite, Kotak; market/replay: a stored day) implement it. A feed connects, follows a
 * set of tokens, and hands out batches of normalised ticks and its status; what
 * happens to the ticks (guard, journal, COPY, candles, quotes) is the ingest
 * pipeline's business, the same for every feed. What only some feeds can do is an
 * optional member, so the market service asks for it without knowing the adapter.
 */
import type { Instrument } from '../../src-shared/domain/instrument';
import type { FeedWireProblems } from '../../src-shared/market/wire-problems';
import type { StagedBatch } from './ingest/tick-stage';

/**
 * A batch as a feed delivers it: already through the tick guard (tick-stage.ts),
 * where the feed normalises — in its worker thread for the simulated feed —
 * with the accepted ticks as columns, their binary COPY rows when the feed's
 * ticks are stored, and the guard's counts. receivedAt (epoch ms, sub-ms) is
 * when the feed received or made the ticks: the lag clock starts there.
 */
export type TickBatch = StagedBatch;

export interface FeedStatus {
  /** Ticks are (or could be) flowing: a broker socket is open, a worker runs. */
  connected: boolean;
  /** Why not, or the last problem; null when all is well. */
  error: string | null;
}

export interface Feed {
  /** 'simulated', 'replay', a broker's name. */
  readonly name: string;
  /** Generated or replayed data: shown as SIMULATED, never mistaken for the market. */
  readonly simulated: boolean;
  /**
   * Whether its ticks belong in market_ticks and candles. A replay's ticks are
   * already stored; writing them again would duplicate the day.
   */
  readonly persist: boolean;
  /** Starts the feed; resolves once the instrument list is known and ticks may flow. */
  connect(): Promise<void>;
  /** Stops the feed; no batch is delivered after it resolves. */
  disconnect(): Promise<void>;
  /** The instruments this feed can send (its universe or the broker's master). */
  instruments(): readonly Instrument[];
  subscribe(tokens: readonly number[]): void;
  unsubscribe(tokens: readonly number[]): void;
  onBatch(listener: (batch: TickBatch) => void): () => void;
  status(): FeedStatus;
  onStatus(listener: (status: FeedStatus) => void): () => void;
  /**
   * The feed's market clock, epoch ms: the wall clock for a live feed, the
   * replayed instant for a replay. Candles of quiet instruments close by it.
   */
  now(): number;
  /**
   * What a real broker's feed could not use off the wire (bad frames, unknown
   * instruments, bad text messages, refused subscriptions), as running totals, so the
   * health line can show the trader that data is being lost. Optional: the simulated
   * and replay feeds make their own ticks and have no wire. Null from a feed that
   * stands in for one not open yet (it has nothing to count).
   */
  wireProblems?(): FeedWireProblems | null;
  /**
   * Re-reads the universe (a broker's master, after the morning drill upserted it) without
   * dropping connections or subscriptions, so a new day's contracts can be followed with no
   * restart. Optional: a simulated or replayed universe does not change under a running feed.
   */
  reloadInstruments?(): Promise<void>;
  /**
   * How many tokens the feed can stream at once (a broker's per-key limit, summed over
   * its sockets). Optional: absent, the market plans with its default for broker feeds;
   * a simulated feed streams its whole universe and has no limit.
   */
  readonly capacity?: number | undefined;
  /**
   * Flow control: gives back credit for `batches` delivered batches that were written,
   * so a feed that waits for credit (the simulated feed under a benchmark) sends more.
   * Optional: a live feed cannot be slowed down and never waits.
   */
  acknowledge?(batches: number): void;
}

/** What the market service knows when it opens a feed (at each start). */
export interface FeedContext {
  /** NSE holidays from the session calendar (the simulated market stays quiet on them). */
  holidays: readonly string[];
  /** Epoch ms at the start. */
  now: number;
}

/**
 * How the market service gets its feed: the composition root picks the adapter
 * (brokers/selection/feed-factory.ts) and hands this in; each start opens a fresh feed.
 */
export type FeedSource = (context: FeedContext) => Promise<Feed>;
