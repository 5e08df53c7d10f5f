/**
 * Runs a job daily at a wall-clock time in IST (00:05 for partitions),
 * whatever the machine's time zone. Instead of one long setTimeout (which a
 * laptop's sleep or a clock change leaves pointing at the wrong instant) it
 * wakes at least every `checkEveryMs` and compares the clock with the next
 * due instant: a run missed during sleep happens on wake-up, once; a clock
 * set back recomputes the next run instead of waiting a day extra.
 */
import { DAY_MS, istDayOf, istInstant, parseClock } from '../../src-shared/market/ist-calendar';
import type { Logger } from '../log';

/** The first instant strictly after `nowMs` at `clock` ('HH:MM') IST. */
export function nextIstRun(nowMs: number, clock: string): number {
  const minutes = parseClock(clock);
  const today = istInstant(istDayOf(nowMs), minutes);
  return today > nowMs ? today : today + DAY_MS;
}

export interface IstSchedulerOptions {
  /** 'HH:MM' IST. */
  at: string;
  run: () => Promise<void>;
  log: Logger;
  now?: () => number;
  checkEveryMs?: number;
}

export class IstDailyScheduler {
  readonly #o: IstSchedulerOptions;
  readonly #now: () => number;
  #next = 0;
  #lastCheck = 0;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;

  constructor(options: IstSchedulerOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /** The next due instant (epoch ms). */
  get nextRun(): number {
    return this.#next;
  }

  start(): void {
    this.#stopped = false;
    const now = this.#now();
    this.#next = nextIstRun(now, this.#o.at);
    this.#lastCheck = now;
    this.#arm();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One look at the clock; exposed so tests can drive it with a fake clock. */
  check(): void {
    const now = this.#now();
    if (now < this.#lastCheck - 60_000) {
      // The clock went back (manual change, NTP correction): the old due instant may be days away.
      this.#next = nextIstRun(now, this.#o.at);
      this.#o.log.info('the clock went back; rescheduled', { next: new Date(this.#next).toISOString() });
    }
    this.#lastCheck = now;
    if (now >= this.#next && !this.#running) {
      this.#next = nextIstRun(now, this.#o.at);
      this.#running = this.#o
        .run()
        .catch((error: unknown) => this.#o.log.error('a scheduled maintenance run failed', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => (this.#running = null));
    }
  }

  #arm(): void {
    if (this.#stopped) return;
    const wait = Math.max(1_000, Math.min(this.#o.checkEveryMs ?? 60_000, this.#next - this.#now()));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.check();
      this.#arm();
    }, wait);
    this.#timer.unref();
  }
}
