/**
 * Micro benchmark of the simulated feed's generator alone (no database, no
 * worker hop): how many ticks per second one thread can make (`npm run
 * bench:generate -- --seconds N`). It blocks the calling thread for `seconds`,
 * so it runs in the benchmark CLI, never on a thread that serves the UI.
 */
import { performance } from 'node:perf_hooks';
import { istDayOf } from '../../src-shared/market/ist-calendar';
import { createSimulatedFeedCore } from '../brokers/simulated/simulated-feed-core';
import { loadBundledUniverse } from '../market/universe';

export interface GenerateBenchOptions {
  seconds: number;
  /** Target rate; the default is far above what one core makes, so the result is the ceiling. */
  ratePerSec?: number;
  seed?: number;
  /** Simulated start instant (only affects expiries and prices, not speed). */
  startTime?: number;
}

export interface GenerateBenchResult {
  ticks: number;
  seconds: number;
  ticksPerSec: number;
  ratePerSec: number;
  instruments: number;
  /** Ticks dropped because generation fell behind the target rate. */
  skipped: number;
}

export function benchGenerate(options: GenerateBenchOptions): GenerateBenchResult {
  const ratePerSec = options.ratePerSec ?? 100_000_000;
  const startTime = options.startTime ?? Date.parse('2026-11-23T04:30:00Z');
  const universe = loadBundledUniverse({ day: istDayOf(startTime) });
  const core = createSimulatedFeedCore({
    seed: options.seed ?? 1,
    instruments: universe.entries,
    startTime,
    ratePerSec,
    simulateOutsideHours: true,
    // Batches of feed size (at most 50 ms or 20,000 ticks): a generator that falls behind shows up as `skipped`.
    maxTicksPerCall: Math.max(1, Math.min(20_000, Math.ceil(ratePerSec / 20))),
  });
  const began = performance.now();
  const durationMs = options.seconds * 1000;
  let ticks = 0;
  let elapsed = 0;
  while (elapsed < durationMs) {
    elapsed = performance.now() - began;
    ticks += core.next(startTime + elapsed).length;
  }
  const seconds = (performance.now() - began) / 1000;
  return {
    ticks,
    seconds,
    ticksPerSec: Math.round(ticks / seconds),
    ratePerSec,
    instruments: universe.entries.length,
    skipped: core.stats().skipped,
  };
}

/** The runner's entry: `--seconds N` (default 5). */
export async function benchGenerateCommand(argv: string[]): Promise<Record<string, number>> {
  const i = argv.indexOf('--seconds');
  const seconds = i >= 0 ? Number(argv[i + 1]) : NaN;
  const result = benchGenerate({ seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 5 });
  return { ...result };
}
