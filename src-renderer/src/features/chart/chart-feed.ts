/**
 * What the chart shows, fetched and kept live: the first page of history for
 * (token, timeframe), the live candles pushed for that key (buffered while
 * the page loads, then joined), and older pages on demand. A generation
 * number drops answers and pushes meant for what was shown before a switch.
 */
import type { TickdeskClient } from '../../../../src-shared/contract/client';
import type { Candle } from '../../../../src-shared/market/candle';
import type { Timeframe } from '../../../../src-shared/market/timeframe';
import { errorMessage } from '../../format/error-message';
import { joinBuffered } from './candle-series';

export const FIRST_PAGE = 2000;
export const OLDER_PAGE = 2000;

/** The parts of ChartController the feed drives (a fake in tests). */
export interface ChartSink {
  readonly bars: readonly Candle[];
  reset(bars: Candle[]): void;
  live(candle: Candle): void;
  prepend(older: readonly Candle[]): number;
}

export interface ChartFeedState {
  loading: boolean;
  loadingOlder: boolean;
  /** No bars are stored before the oldest shown. */
  exhausted: boolean;
  error: string | null;
}

export const IDLE: ChartFeedState = { loading: false, loadingOlder: false, exhausted: false, error: null };

export class ChartFeed {
  readonly #client: TickdeskClient;
  readonly #sink: ChartSink;
  readonly #onState: (state: ChartFeedState) => void;
  readonly #offCandles: () => void;
  #key: { token: number; timeframe: Timeframe } | null = null;
  #generation = 0;
  #buffer: Candle[] | null = null;
  #state: ChartFeedState = IDLE;

  constructor(client: TickdeskClient, sink: ChartSink, onState: (state: ChartFeedState) => void) {
    this.#client = client;
    this.#sink = sink;
    this.#onState = onState;
    this.#offCandles = client.on('market.candles', (updates) => {
      const key = this.#key;
      if (!key) return;
      for (const update of updates) {
        if (update.token !== key.token || update.timeframe !== key.timeframe) continue;
        if (this.#buffer) this.#buffer.push(update.candle);
        else this.#sink.live(update.candle);
      }
    });
  }

  /** Shows a key from scratch (also after a reconnection: pushes missed while away are not replayed). */
  async show(token: number, timeframe: Timeframe): Promise<void> {
    const generation = ++this.#generation;
    this.#key = { token, timeframe };
    this.#buffer = [];
    this.#setState({ ...IDLE, loading: true });
    try {
      await this.#client.call('market.watchCandles', { keys: [{ token, timeframe }] });
      const history = await this.#client.call('market.candles', { token, timeframe, limit: FIRST_PAGE });
      if (generation !== this.#generation) return;
      const bars = joinBuffered(history, this.#buffer);
      this.#buffer = null;
      this.#sink.reset(bars);
      this.#setState({ ...IDLE, exhausted: history.length < FIRST_PAGE });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#buffer = null;
      this.#sink.reset([]);
      this.#setState({ ...IDLE, error: errorMessage(error) });
    }
  }

  /** Fetches the page before the oldest bar shown; one at a time, and never past the start of history. */
  async loadOlder(): Promise<void> {
    const key = this.#key;
    const oldest = this.#sink.bars[0];
    if (!key || !oldest || this.#state.loading || this.#state.loadingOlder || this.#state.exhausted) return;
    const generation = this.#generation;
    this.#setState({ ...this.#state, loadingOlder: true });
    try {
      const older = await this.#client.call('market.candles', { ...key, before: oldest.bucket, limit: OLDER_PAGE });
      if (generation !== this.#generation) return;
      this.#sink.prepend(older);
      this.#setState({ ...this.#state, loadingOlder: false, exhausted: older.length < OLDER_PAGE });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#setState({ ...this.#state, loadingOlder: false, error: errorMessage(error) });
    }
  }

  /** Stops showing anything (no instrument picked). */
  clear(): void {
    this.#generation += 1;
    this.#key = null;
    this.#buffer = null;
    this.#sink.reset([]);
    this.#setState(IDLE);
    void this.#client.call('market.watchCandles', { keys: [] }).catch(() => undefined);
  }

  dispose(): void {
    this.#generation += 1;
    this.#key = null;
    this.#offCandles();
  }

  #setState(state: ChartFeedState): void {
    this.#state = state;
    this.#onState(state);
  }
}
