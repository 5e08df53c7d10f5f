/**
 * The per-tick work a feed does where it normalises, before ticks reach the
 * main thread: the tick guard classifies and counts every tick, and the
 * accepted ones are packed as columns (for candles and quotes on the main
 * thread) and, when the feed's ticks are to be stored, encoded as binary COPY
 * rows (for the writer). The simulated feed runs this in its worker thread,
 * so at 100,000 ticks/s the thread that serves the UI neither validates nor
 * encodes; the replay feed runs it where it reads.
 */
import type { Tick } from '../../../src-shared/domain/tick';
import { createTickGuard, type TickGuard, type TickGuardCounters, type TickGuardOptions } from '../tick-guard';
import { TickRowEncoder } from './copy-binary';
import { packTicks, type TickColumns } from './tick-columns';

export interface StagedBatch {
  /** Accepted ticks only. */
  columns: TickColumns;
  /** Binary COPY rows of the accepted ticks; null when the feed's ticks are not stored. */
  copy: { bytes: Uint8Array<ArrayBuffer>; rows: number } | null;
  /** The guard's verdicts for this batch (accepted + every drop reason). */
  verdicts: TickGuardCounters;
  receivedAt: number;
}

export interface TickStageOptions extends TickGuardOptions {
  /** Encode COPY rows (false for a replay: its ticks are already stored). */
  persist: boolean;
  /** market_ticks.flags for every row (e.g. TICK_FLAG_SIMULATED). */
  flags: number;
}

export interface TickStage {
  readonly guard: TickGuard;
  /** Guards, packs and encodes one batch of raw ticks (anything: the guard checks). */
  stage(ticks: readonly unknown[], receivedAt: number): StagedBatch;
}

export function createTickStage(options: TickStageOptions): TickStage {
  const guard = createTickGuard(options);
  const encoder = new TickRowEncoder();
  guard.takeCounters();
  return {
    guard,
    stage(ticks, receivedAt) {
      const accepted: Tick[] = [];
      for (const tick of ticks) {
        if (guard.check(tick) !== 'accepted') continue;
        accepted.push(tick as Tick);
        if (options.persist) encoder.append(tick as Tick, receivedAt, options.flags);
      }
      return {
        columns: packTicks(accepted),
        copy: options.persist ? encoder.take() : null,
        verdicts: guard.takeCounters(),
        receivedAt,
      };
    },
  };
}
