/**
 * The feed parser, fuzzed: the tick guard and tick stage (what the simulated
 * feed's worker and the replay feed run per tick) with hostile ticks, and the
 * main thread's checks of worker messages (feed-protocol.ts) with broken
 * batches — first called directly, then through a real worker thread that
 * posts them to a real SimulatedFeed. Nothing may throw; every tick and every
 * message is counted exactly once; what the worker makes, main accepts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { batchMessage, fromWorkerSchema, stagedFromMessage } from './feed-protocol';
import { SimulatedFeed } from './simulated-feed';
import type { TickBatch } from '../../market/feed-port';
import { createLogger, silentLogger } from '../../log';
import { tickAt } from '../../market/ingest/tick-columns';
import { createTickStage } from '../../market/ingest/tick-stage';
import type { TickGuardCounters } from '../../market/tick-guard';
import { BASE_TS, INT4_MAX, KNOWN_TOKENS, batchLike, hostileTick } from '../../testing/fuzz/feed-samples';
import { watchProcess } from '../../testing/fuzz/process-watch';
import { createFuzz } from '../../testing/fuzz/random-values';

const TICK_BATCHES = 4_000;
const MESSAGES = 20_000;
const WORKER_MESSAGES = 10_000;

const sum = (c: TickGuardCounters) => c.accepted + c.unknownToken + c.badPrice + c.malformed + c.duplicate + c.outOfOrder;
const newStage = () => createTickStage({ knownTokens: KNOWN_TOKENS, persist: true, flags: 1, maxAheadMs: 60_000, now: () => BASE_TS + 3_600_000 });

/** The main thread's verdict on one message: what SimulatedFeed's #onMessage does, minus the listeners. */
function mainAccepts(message: unknown): 'batch' | 'other' | 'refused' {
  const parsed = fromWorkerSchema.safeParse(message);
  if (!parsed.success) return 'refused';
  if (parsed.data.type !== 'batch') return 'other';
  return typeof stagedFromMessage(parsed.data) === 'string' ? 'refused' : 'batch';
}

describe('feed parser, fuzzed', () => {
  it('tick guard and stage: every tick counted once, accepted ticks packed exactly, the worker output accepted by main', () => {
    const fuzz = createFuzz(0x71c4_2026);
    const stage = newStage();
    const clock = { ts: BASE_TS, volume: 0 };
    const started = performance.now();
    let ticks = 0;
    let previous: unknown = null;
    const problems: string[] = [];
    for (let b = 0; b < TICK_BATCHES && problems.length < 5; b++) {
      const batch = Array.from({ length: fuzz.int(100) }, () => (previous = hostileTick(fuzz, clock, previous)));
      ticks += batch.length;
      const staged = stage.stage(batch, BASE_TS);
      const { columns, copy, verdicts } = staged;
      if (sum(verdicts) !== batch.length) problems.push(`batch ${b}: ${sum(verdicts)} verdicts for ${batch.length} ticks`);
      if (columns.count !== verdicts.accepted || copy?.rows !== verdicts.accepted) problems.push(`batch ${b}: ${columns.count} packed, ${copy?.rows} rows, ${verdicts.accepted} accepted`);
      for (let i = 0; i < columns.count; i++) {
        const t = tickAt(columns, i);
        // The COPY row stores these as int4: an accepted tick must fit, or PostgreSQL gets a wrapped number.
        if (t.lastQty > INT4_MAX || t.bidQty > INT4_MAX || t.askQty > INT4_MAX) problems.push(`batch ${b}: accepted a quantity int4 cannot hold: ${JSON.stringify(t)}`);
        if (!(t.ltp > 0) || !Number.isSafeInteger(t.ts) || !KNOWN_TOKENS.includes(t.token)) problems.push(`batch ${b}: accepted ${JSON.stringify(t)}`);
      }
      // What the worker posts must pass main's checks, after a structured clone as postMessage does.
      const { message } = batchMessage(staged);
      if (mainAccepts(structuredClone(message)) !== 'batch') problems.push(`batch ${b}: main refused the worker's own batch`);
    }
    const total = stage.guard.counters();
    console.info(`[fuzz] tick guard + stage: ${ticks} ticks in ${TICK_BATCHES} batches in ${((performance.now() - started) / 1000).toFixed(2)} s`, JSON.stringify(total));
    expect(problems).toEqual([]);
    expect(sum(total)).toBe(ticks);
    // Every verdict was reached, or the fuzzer proves little.
    for (const [verdict, count] of Object.entries(total)) expect(count, verdict).toBeGreaterThan(0);
  });

  it(`protocol: ${MESSAGES.toLocaleString('en')} broken worker messages are refused or accepted, never thrown on`, () => {
    const fuzz = createFuzz(0x9e55_2026);
    const stage = newStage();
    const clock = { ts: BASE_TS, volume: 0 };
    const started = performance.now();
    const tally = { batch: 0, other: 0, refused: 0 };
    for (let n = 0; n < MESSAGES; n++) tally[mainAccepts(batchLike(fuzz, stage, clock))] += 1;
    console.info(`[fuzz] feed protocol: ${MESSAGES} messages in ${((performance.now() - started) / 1000).toFixed(2)} s`, JSON.stringify(tally));
    expect(tally.batch + tally.other + tally.refused).toBe(MESSAGES);
    expect(tally.batch).toBeGreaterThan(MESSAGES / 10);
    expect(tally.refused).toBeGreaterThan(MESSAGES / 4);
  });

  it(`a real SimulatedFeed takes ${WORKER_MESSAGES.toLocaleString('en')} broken messages from its worker thread: refusals counted, sound batches delivered`, async () => {
    const fuzz = createFuzz(0x5eed_2026);
    const stage = newStage();
    const clock = { ts: BASE_TS, volume: 0 };
    const messages: unknown[] = [];
    const expected = { batch: 0, other: 0, refused: 0 };
    for (let n = 0; n < WORKER_MESSAGES; n++) {
      const m = batchLike(fuzz, stage, clock);
      // What the worker will actually post is a structured clone of it.
      const cloned = structuredClone(m);
      expected[mainAccepts(cloned)] += 1;
      messages.push(cloned);
    }
    const sentinel = { type: 'stats', generated: 424_242, skipped: 1, closed: 7 };
    messages.push({ type: 'ready', instruments: [] }, sentinel);
    const dir = await mkdtemp(path.join(tmpdir(), 'tickdesk-feedfuzz-'));
    const watch = watchProcess();
    const started = performance.now();
    try {
      const dump = path.join(dir, 'messages.bin');
      await writeFile(dump, serialize(messages));
      // A stand-in worker: on init it posts every recorded message, then answers stop.
      const workerPath = path.join(dir, 'fuzz-worker.mjs');
      await writeFile(workerPath, [
        "import { parentPort } from 'node:worker_threads';",
        "import { readFileSync } from 'node:fs';",
        "import { deserialize } from 'node:v8';",
        // v8.deserialize makes typed arrays views on the whole file, and postMessage would clone
        // that whole buffer for each message: give each array its own buffer first.
        'const own = (v, d) => {',
        '  if (ArrayBuffer.isView(v)) return v.slice();',
        "  if (v && typeof v === 'object' && d < 50) for (const k of Object.keys(v)) Object.defineProperty(v, k, { value: own(v[k], d + 1), enumerable: true, writable: true, configurable: true });",
        '  return v;',
        '};',
        `const messages = deserialize(readFileSync(${JSON.stringify(dump)})).map((m) => own(m, 0));`,
        "parentPort.on('message', (m) => {",
        "  if (m.type === 'init') for (const message of messages) parentPort.postMessage(message);",
        "  if (m.type === 'stop') parentPort.postMessage({ type: 'stopped' });",
        '});',
      ].join('\n'));
      const feed = new SimulatedFeed({ seed: 1, ratePerSec: 1, simulateOutsideHours: true, day: '2026-11-23', holidays: [], workerPath, transport: 'worker', log: process.env.FUZZ_DEBUG ? createLogger({ level: 'debug' }) : silentLogger });
      const batches: TickBatch[] = [];
      feed.onBatch((batch) => batches.push(batch));
      await feed.connect();
      const deadline = Date.now() + 20_000;
      while (feed.generatorStats.generated !== sentinel.generated && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await feed.disconnect();
      console.info(`[fuzz] simulated feed via worker: ${WORKER_MESSAGES} messages in ${((performance.now() - started) / 1000).toFixed(2)} s`, JSON.stringify(expected));
      expect(feed.generatorStats).toEqual({ generated: 424_242, skipped: 1, closed: 7 });
      expect(feed.badBatches).toBe(expected.refused);
      expect(batches).toHaveLength(expected.batch);
      expect(expected.refused).toBeGreaterThan(WORKER_MESSAGES / 4);
      expect(watch.uncaught).toEqual([]);
      expect(watch.unhandled).toEqual([]);
    } finally {
      watch.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
