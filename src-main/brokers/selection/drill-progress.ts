/**
 * The drill's progress as the trader sees it (brokers.drillProgress). The adapters
 * report every upsert batch and every streamed chunk — thousands a minute on a full
 * master — so what leaves here is throttled: at most one event per interval, the
 * latest one winning, and the last one of a drill always delivered (flush) so the
 * bar ends on "done" rather than on whatever batch happened to get through.
 */
import type { SyncProgress } from '../kite/adapter/instrument-sync';
import type { ScripProgress } from '../kotak/adapter/scrip-sync';

export type DrillBroker = 'kite' | 'kotak';
export type DrillPhase = 'download' | 'parse' | 'upsert' | 'done' | 'failed';

export interface DrillProgress {
  broker: DrillBroker;
  phase: DrillPhase;
  /** Kotak's segment file ("nse_fo"); null for Kite's single dump. */
  segment: string | null;
  done: number;
  /** null while unknown. */
  total: number | null;
  /** Epoch ms. */
  at: number;
}

export const DRILL_PROGRESS_INTERVAL_MS = 100;

export interface ProgressThrottle {
  push(progress: DrillProgress): void;
  /** Delivers what is held back now (the end of a drill) and cancels the timer. */
  flush(): void;
}

export function throttleProgress(emit: (progress: DrillProgress) => void, intervalMs: number, clock: () => number = Date.now): ProgressThrottle {
  let lastAt = Number.NEGATIVE_INFINITY;
  let held: DrillProgress | null = null;
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const next = held;
    held = null;
    if (!next) return;
    lastAt = clock();
    emit(next);
  };
  return {
    push(progress) {
      held = progress;
      const wait = lastAt + intervalMs - clock();
      if (wait <= 0) return send();
      // Trailing edge: the latest progress goes out when the interval is up, even if nothing follows it.
      timer ??= setTimeout(send, wait);
      timer.unref();
    },
    flush: send,
  };
}

/** Kite: a single dump. Downloading and parsing have no count worth a bar; upserting does. */
export function fromKite(p: SyncProgress, at: number): DrillProgress {
  const counted = p.phase === 'upsert' || p.phase === 'done';
  return { broker: 'kite', phase: p.phase, segment: null, done: counted ? p.done : 0, total: counted ? p.total : null, at };
}

/** Kotak: one streamed file per segment; rows read so far, the total unknown until the file ends. */
export function fromKotak(p: ScripProgress, at: number): DrillProgress {
  const phase: DrillPhase = p.phase === 'downloading' ? 'download' : p.phase;
  return { broker: 'kotak', phase, segment: p.segment, done: p.rows, total: p.phase === 'downloading' ? null : p.rows, at };
}
