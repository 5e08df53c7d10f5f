/**
 * The morning drill's runner and scheduler: runs the jobs one broker after another (or
 * joins the run in progress), reports progress (throttled) and the reports when it ends,
 * runs again daily before the open, and again as soon as a failed run's credentials may
 * have become readable (store unlocked, account saved, login completed), so a first start
 * needs no restart. A failure is logged and reported, never thrown.
 */
import type { Logger } from '../../log';
import type { LoginHooks } from '../../secrets/login-hooks';
import { msUntilNextDrill } from '../kite/adapter/instrument-sync';
import type { DrillJob, DrillReport } from './drill-jobs';
import { DRILL_PROGRESS_INTERVAL_MS, throttleProgress, type DrillProgress, type ProgressThrottle } from './drill-progress';

export type { DrillReport, DrillSummary } from './drill-jobs';

export interface DrillState {
  /** Brokers whose master the drill downloads (none with the paper broker). */
  brokers: ReadonlyArray<DrillReport['broker']>;
  running: boolean;
  /** Latest (unthrottled) progress per broker of the running drill. */
  progress: DrillProgress[];
  reports: readonly DrillReport[];
  /** Epoch ms of the next daily drill; null when none is scheduled. */
  nextAt: number | null;
}

export interface MorningDrillOptions {
  /** Builds the jobs, given where they report each step. */
  jobs: (progress: (p: DrillProgress) => void) => readonly DrillJob[];
  log: Logger;
  clock: () => number;
  /** IST minutes after midnight of the daily drill (default 08:00, before the 09:15 open). */
  atIstMinutes?: number | undefined;
  /** Progress, throttled to one per `progressMs` (default 100 ms); the last step of each broker always arrives. */
  onProgress?: ((progress: DrillProgress) => void) | undefined;
  /** Every drill's reports when it ends, however it was started. */
  onFinished?: ((reports: readonly DrillReport[]) => void) | undefined;
  progressMs?: number | undefined;
}

const STOP_WAIT_MS = 5_000;

export class MorningDrill {
  readonly jobs: readonly DrillJob[];
  readonly #o: MorningDrillOptions;
  readonly #out: ProgressThrottle;
  readonly #latest = new Map<DrillReport['broker'], DrillProgress>();
  #running: Promise<DrillReport[]> | null = null;
  #reports: DrillReport[] = [];
  #timer: NodeJS.Timeout | null = null;
  #nextAt: number | null = null;
  #stopped = false;

  constructor(options: MorningDrillOptions) {
    this.#o = options;
    this.#out = throttleProgress((p) => options.onProgress?.(p), options.progressMs ?? DRILL_PROGRESS_INTERVAL_MS, options.clock);
    this.jobs = options.jobs((p) => this.#progress(p));
  }

  /** The run in progress, if any (a feed whose universe is the day's master waits for it). */
  get current(): Promise<DrillReport[]> | null {
    return this.#running;
  }

  get reports(): readonly DrillReport[] {
    return this.#reports;
  }

  /** Starts a drill, or joins the one running. */
  run(): Promise<DrillReport[]> {
    this.#running ??= this.#runJobs().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** A run that failed for want of credentials runs again when they may be readable; returns the unregister. */
  retryOnAccess(login: LoginHooks): () => void {
    return login.onAccessChanged(() => {
      if (!this.#stopped && this.#reports.some((r) => !r.ok)) void this.run();
    });
  }

  /** Schedules the next daily run (and each one after it). */
  schedule(): void {
    if (this.#stopped) return;
    const wait = msUntilNextDrill(this.#o.clock(), this.#o.atIstMinutes);
    this.#nextAt = this.#o.clock() + wait;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#nextAt = null;
      void this.run().finally(() => this.schedule());
    }, wait);
    this.#timer.unref();
  }

  /** Clears the timer and waits (a little) for a run in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextAt = null;
    if (this.#running) await Promise.race([this.#running, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
  }

  state(): DrillState {
    return { brokers: this.jobs.map(([name]) => name), running: this.#running !== null, progress: [...this.#latest.values()], reports: this.#reports, nextAt: this.#nextAt };
  }

  #progress(p: DrillProgress): void {
    this.#latest.set(p.broker, p);
    this.#out.push(p);
  }

  async #runJobs(): Promise<DrillReport[]> {
    const out: DrillReport[] = [];
    this.#latest.clear();
    for (const [name, job] of this.jobs) out.push(await this.#runJob(name, job));
    this.#reports = out;
    this.#latest.clear();
    try {
      this.#o.onFinished?.(out);
    } catch (error) {
      this.#o.log.warn('the drill report could not be passed on', { error: readable(error) });
    }
    return out;
  }

  async #runJob(name: DrillReport['broker'], job: () => Promise<DrillReport>): Promise<DrillReport> {
    const { clock, log } = this.#o;
    const startedAt = clock();
    // Before the first byte: the bar shows at once, even while a session loads or a listing is slow.
    this.#progress({ broker: name, phase: 'download', segment: null, done: 0, total: null, at: startedAt });
    let report: DrillReport;
    try {
      report = await job();
    } catch (error) {
      report = { broker: name, ok: false, at: startedAt, summary: null, error: readable(error) };
    }
    if (!report.ok) this.#progress({ broker: name, phase: 'failed', segment: null, done: 0, total: null, at: clock() });
    this.#out.flush();
    if (report.ok) log.info('morning drill done', { broker: report.broker, ...report.summary });
    else log.error("morning drill failed; yesterday's instruments stay in use", { broker: report.broker, error: report.error, ...report.summary });
    return report;
  }
}

/** An adapter's failure as one sentence for the Settings panel: no stack, bounded. */
function readable(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 297)}…` : text || 'the drill failed for an unknown reason';
}
