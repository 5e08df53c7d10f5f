import { createHash } from 'node:crypto';
import { DAY_MS, istDayOf, istTimeOfDay, parseClock, type IstDay } from '../../../src-shared/market/ist-calendar';
import { MARKET_PROTECTION_AUTO, type OrderIntent } from '../../../src-shared/orders/order-types';
import type { Logger } from '../../log';
import type { BookEntry } from './position-book';

/**
 * MIS (intraday) positions are squared off at a set IST time (15:20 by default, as
 * brokers do ahead of the 15:30 close), by market orders placed through the normal order
 * path — validated, risk-checked, sliced, recorded like any other order.
 *
 * Client order ids are fixed per day, token and strategy, so a square-off that runs again
 * (a restart inside the window) answers with the first one instead of sending twice.
 */

export interface SquareOffSettings {
  /** 'HH:MM' IST, or null to never square off. */
  at: string | null;
  /** 'HH:MM' IST: a start-up before this (and after `at`) squares off at once. */
  windowEnd: string;
}

export const DEFAULT_SQUARE_OFF: SquareOffSettings = { at: '15:20', windowEnd: '15:30' };

export function squareOffIntents(entries: readonly BookEntry[], day: IstDay): OrderIntent[] {
  return entries
    .filter((e) => e.position.product === 'MIS' && e.position.netQuantity !== 0)
    .map(({ position: p }) => ({
      clientOrderId: `SQ${day.replaceAll('-', '')}-${p.token}-${createHash('sha1').update(p.strategyId).digest('hex').slice(0, 8)}`,
      token: p.token,
      side: p.netQuantity > 0 ? 'SELL' : 'BUY',
      orderType: 'MKT',
      product: 'MIS',
      validity: 'DAY',
      quantity: Math.abs(p.netQuantity),
      price: null,
      triggerPrice: null,
      marketProtection: MARKET_PROTECTION_AUTO,
      strategyId: p.strategyId,
      algoId: null,
      // A square-off must trade now, in one market order per freeze-sized slice.
      amo: false,
      icebergLegs: null,
    }));
}

/** Milliseconds from `now` to the next `at` (IST); 0 < result ≤ one day. */
export function msUntilNext(now: number, at: string): number {
  const minutes = parseClock(at);
  const msOfDay = (now + 5.5 * 3_600_000) % DAY_MS;
  const wait = minutes * 60_000 - msOfDay;
  return wait > 0 ? wait : wait + DAY_MS;
}

export function inWindow(now: number, settings: SquareOffSettings): boolean {
  if (settings.at === null) return false;
  const minute = istTimeOfDay(now);
  return minute >= parseClock(settings.at) && minute < parseClock(settings.windowEnd);
}

/** Fires `run` daily at `settings.at` IST (and once at start-up inside the window). */
export class SquareOffTimer {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly settings: SquareOffSettings,
    private readonly run: (day: IstDay) => Promise<void>,
    private readonly clock: () => number,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.settings.at === null) return;
    if (inWindow(this.clock(), this.settings)) this.#fire();
    this.#schedule();
  }

  stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    return this.#running ?? Promise.resolve();
  }

  #schedule(): void {
    if (this.settings.at === null) return;
    this.#timer = setTimeout(() => {
      this.#fire();
      this.#schedule();
    }, msUntilNext(this.clock(), this.settings.at));
    this.#timer.unref();
  }

  #fire(): void {
    const day = istDayOf(this.clock());
    this.#running = this.run(day)
      .catch((error: unknown) => this.log.error('MIS square-off failed', { day, error: (error as Error).message }))
      .finally(() => {
        this.#running = null;
      });
  }
}
