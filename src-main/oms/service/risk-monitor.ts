import { istDayOf } from '../../../src-shared/market/ist-calendar';
import { formatInr, type Paise } from '../../../src-shared/money';
import { shouldTripKillSwitch } from '../risk';
import { openOrderCount } from './assess';
import type { OmsContext } from './context';
import { positionToWire } from './position-book';

/**
 * Mark-to-market on live quotes: at most every `intervalMs`, the positions whose prices
 * moved are pushed (positions.changed), and the day's realised + unrealised P&L is held
 * against the daily loss limit — so the kill switch trips on a price move, not only when
 * the next order is checked.
 */
export class RiskMonitor {
  readonly #ctx: OmsContext;
  readonly #intervalMs: number;
  readonly #trip: (reason: string) => Promise<unknown>;
  readonly #dirty = new Set<number>();
  #timer: NodeJS.Timeout | null = null;
  #lastDayPnl: Paise | null = null;
  #tripping = false;

  constructor(ctx: OmsContext, intervalMs: number, trip: (reason: string) => Promise<unknown>) {
    this.#ctx = ctx;
    this.#intervalMs = intervalMs;
    this.#trip = trip;
  }

  /** Subscribes to quotes; returns the unsubscribe (which also stops the timer). */
  start(): () => void {
    const unsubscribe = this.#ctx.quotes.onQuotes((quotes) => {
      const held = new Set(this.#ctx.positions.entries().map((e) => e.position.token));
      for (const quote of quotes) if (held.has(quote.token)) this.#dirty.add(quote.token);
      if (this.#dirty.size > 0 && !this.#timer) {
        this.#timer = setTimeout(() => this.flush(), this.#intervalMs);
        this.#timer.unref();
      }
    });
    return () => {
      unsubscribe();
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }

  /** Pushes the moved positions and checks the loss limit now. */
  flush(): void {
    this.#timer = null;
    const ctx = this.#ctx;
    ctx.positions.rollTo(istDayOf(ctx.clock()));
    const quoteOf = (t: number) => ctx.quotes.latestQuote(t);
    const moved = ctx.positions.entries().filter((e) => this.#dirty.has(e.position.token));
    this.#dirty.clear();
    if (moved.length > 0) ctx.emit('positions.changed', moved.map((e) => positionToWire(e, quoteOf(e.position.token), ctx.positions.day)));
    const dayPnl = ctx.positions.dayPnl(quoteOf);
    if (dayPnl !== this.#lastDayPnl) {
      this.#lastDayPnl = dayPnl;
      ctx.emit('risk.changed', ctx.risk.state(dayPnl, openOrderCount(ctx)));
    }
    const settings = ctx.risk.settings;
    if (!settings.killSwitchEngaged && !this.#tripping && shouldTripKillSwitch(settings, dayPnl)) {
      this.#tripping = true;
      const reason = `Daily loss limit reached: today's P&L ${formatInr(dayPnl)} against a limit of ${formatInr(settings.dailyLossLimit ?? 0)}.`;
      void this.#trip(reason)
        .catch((error: unknown) => ctx.log.error('engaging the kill switch failed', { error: (error as Error).message }))
        .finally(() => {
          this.#tripping = false;
        });
    }
  }
}
