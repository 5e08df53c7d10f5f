/**
 * What runs inside the simulated feed's worker thread: the generator
 * (simulated-feed-core.ts) paced by a timer, the tick guard and the COPY
 * encoding (tick-stage.ts), and batches posted to the main thread with their
 * buffers transferred. Written against a MessagePort-like object so the same
 * code also runs on one thread over a MessageChannel (unit tests).
 */
import { performance } from 'node:perf_hooks';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { createNseCalendar } from '../../../src-shared/market/nse-session';
import { TICK_FLAG_SIMULATED } from '../../market/ingest/copy-binary';
import { createTickStage, type TickStage } from '../../market/ingest/tick-stage';
import { loadBundledUniverse } from '../../market/universe';
import { batchMessage, toWorkerSchema, type FromWorker, type InitMessage, type ToWorker } from './feed-protocol';
import { createSimulatedFeedCore, type SimulatedFeedCore } from './simulated-feed-core';

export interface FeedPort {
  postMessage(message: FromWorker, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

interface Running {
  init: InitMessage;
  core: SimulatedFeedCore;
  stage: TickStage;
  timer: NodeJS.Timeout | null;
  /** Like a broker: nothing flows until tokens are subscribed. */
  subscribed: Set<number>;
  statsTimer: NodeJS.Timeout;
  inFlight: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

/** The generator and tick stage for an init message; the stats go out every second. */
function openRun(init: InitMessage, post: (message: FromWorker) => void): { run: Running; instruments: Instrument[] } {
  const calendar = createNseCalendar({ holidays: init.holidays });
  const universe = loadBundledUniverse({ day: init.day, calendar });
  const startTime = init.startTime ?? Math.floor(epochNow());
  const core = createSimulatedFeedCore({
    seed: init.seed,
    instruments: universe.entries,
    startTime,
    ratePerSec: init.ratePerSec,
    calendar,
    simulateOutsideHours: init.simulateOutsideHours,
    maxTicksPerCall: init.maxBatchTicks,
  });
  const stage = createTickStage({
    knownTokens: universe.entries.map((e) => e.instrument.token),
    persist: init.persist,
    flags: TICK_FLAG_SIMULATED,
    ...(init.maxAheadMs === null ? {} : { maxAheadMs: init.maxAheadMs }),
    now: Date.now,
  });
  core.setActiveTokens([]);
  const statsTimer = setInterval(() => post({ type: 'stats', ...core.stats() }), 1_000);
  return { run: { init, core, stage, timer: null, subscribed: new Set(), statsTimer, inFlight: 0 }, instruments: universe.entries.map((e) => e.instrument) };
}

export function runFeedWorker(port: FeedPort): void {
  let running: Running | null = null;

  const post = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

  function step(): void {
    const r = running;
    if (!r) return;
    r.timer = null;
    if (r.init.maxInFlight > 0 && r.inFlight >= r.init.maxInFlight) return; // an ack restarts us
    try {
      const receivedAt = epochNow();
      const ticks = r.core.next(Math.floor(receivedAt));
      if (ticks.length > 0) {
        const { message, transfer } = batchMessage(r.stage.stage(ticks, receivedAt));
        post(message, transfer);
        r.inFlight += 1;
      }
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
    schedule(r);
  }

  function schedule(r: Running): void {
    if (r.timer || running !== r) return;
    // Flow-controlled: go again at once while credit lasts; real time: every batchMs.
    const flowing = r.init.maxInFlight > 0 && r.inFlight < r.init.maxInFlight;
    r.timer = setTimeout(step, flowing ? 0 : r.init.batchMs);
  }

  function start(init: InitMessage): void {
    const { run, instruments } = openRun(init, post);
    running = run;
    post({ type: 'ready', instruments });
    schedule(run);
  }

  function stop(): void {
    if (running) {
      if (running.timer) clearTimeout(running.timer);
      clearInterval(running.statsTimer);
      post({ type: 'stats', ...running.core.stats() });
    }
    running = null;
    post({ type: 'stopped' });
  }

  function handle(message: ToWorker): void {
    if (message.type === 'init') {
      if (running) throw new Error('the feed worker is already running');
      start(message);
      return;
    }
    if (message.type === 'stop') return stop();
    const r = running;
    if (!r) throw new Error(`"${message.type}" before init`);
    if (message.type === 'rate') r.core.setRate(message.ratePerSec);
    else if (message.type === 'subscribe' || message.type === 'unsubscribe') {
      for (const token of message.tokens) {
        if (message.type === 'subscribe') r.subscribed.add(token);
        else r.subscribed.delete(token);
      }
      r.core.setActiveTokens(r.subscribed);
    }
    else if (message.type === 'ack') {
      r.inFlight = Math.max(0, r.inFlight - message.batches);
      schedule(r);
    }
  }

  port.on('message', (raw) => {
    const parsed = toWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      post({ type: 'error', message: `the feed worker refused a message: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    try {
      handle(parsed.data);
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
}
