/**
 * The simulated feed as the main thread sees it: a Feed whose generator,
 * guard and COPY encoding run in a worker thread (feed-worker.ts). Every
 * message from the worker is checked (feed-protocol.ts) before use; a batch
 * with a wrong shape is counted and dropped, never trusted. A worker that
 * dies is started again after a pause, so the feed does not go silent.
 *
 * transport 'in-process' runs the same worker code on this thread over a
 * MessageChannel: for unit tests, which cannot start a .ts worker.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { instrumentSchema } from '../../../src-shared/domain/instrument';
import type { Logger } from '../../log';
import type { Feed, FeedStatus } from '../../market/feed-port';
import { FeedListeners } from '../../market/feed-listeners';
import { fromWorkerSchema, stagedFromMessage, type InitMessage, type ToWorker } from './feed-protocol';
import { runFeedWorker } from './feed-worker-logic';

export interface SimulatedFeedOptions {
  seed: number;
  ratePerSec: number;
  simulateOutsideHours: boolean;
  /** IST day whose contracts make the universe, and the holidays of the calendar. */
  day: string;
  holidays: readonly string[];
  /** Absolute path of the built worker file; ignored for 'in-process'. */
  workerPath: string | null;
  transport: 'worker' | 'in-process';
  log: Logger;
  batchMs?: number;
  maxBatchTicks?: number;
  /** > 0: flow control for benchmarks (see feed-protocol.ts); 0: real time. */
  maxInFlight?: number;
  startTime?: number | null;
  maxAheadMs?: number | null;
}

interface Channel {
  post(message: ToWorker): void;
  close(): Promise<void>;
}

export class SimulatedFeed implements Feed {
  readonly name = 'simulated';
  readonly simulated = true;
  readonly persist = true;
  readonly #o: SimulatedFeedOptions;
  readonly #listeners = new FeedListeners();
  readonly onBatch = this.#listeners.onBatch;
  readonly status = this.#listeners.status;
  readonly onStatus = this.#listeners.onStatus;
  #instruments: Instrument[] = [];
  #channel: Channel | null = null;
  #subscribed = new Set<number>();
  #wanted = false;
  #restartTimer: NodeJS.Timeout | null = null;
  #restarts = 0;
  #ready: { resolve: () => void; reject: (error: Error) => void } | null = null;
  #stopped: (() => void) | null = null;
  /** Batches refused for their shape (counted; the worker is ours, so this means a bug). */
  badBatches = 0;
  generatorStats = { generated: 0, skipped: 0, closed: 0 };

  constructor(options: SimulatedFeedOptions) {
    this.#o = options;
  }

  async connect(): Promise<void> {
    this.#wanted = true;
    await this.#launch();
  }

  async disconnect(): Promise<void> {
    this.#wanted = false;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    const channel = this.#channel;
    this.#channel = null;
    if (channel) {
      const stopped = new Promise<void>((resolve) => (this.#stopped = resolve));
      channel.post({ type: 'stop' });
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      this.#stopped = null;
      await channel.close();
    }
    this.#setStatus({ connected: false, error: null });
  }

  instruments(): readonly Instrument[] {
    return this.#instruments;
  }

  subscribe(tokens: readonly number[]): void {
    for (const token of tokens) this.#subscribed.add(token);
    this.#channel?.post({ type: 'subscribe', tokens: [...tokens] });
  }

  unsubscribe(tokens: readonly number[]): void {
    for (const token of tokens) this.#subscribed.delete(token);
    this.#channel?.post({ type: 'unsubscribe', tokens: [...tokens] });
  }

  /** Flow control (maxInFlight > 0): the consumer is done with this many batches. */
  acknowledge(batches: number): void {
    if (batches > 0) this.#channel?.post({ type: 'ack', batches });
  }

  setRate(ratePerSec: number): void {
    this.#channel?.post({ type: 'rate', ratePerSec });
  }

  now(): number {
    return Date.now();
  }

  async #launch(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => (this.#ready = { resolve, reject }));
    const channel = this.#o.transport === 'worker' ? this.#spawnWorker() : this.#inProcess();
    this.#channel = channel;
    const init: InitMessage = {
      type: 'init',
      seed: this.#o.seed,
      ratePerSec: this.#o.ratePerSec,
      simulateOutsideHours: this.#o.simulateOutsideHours,
      startTime: this.#o.startTime ?? null,
      day: this.#o.day,
      holidays: [...this.#o.holidays],
      batchMs: this.#o.batchMs ?? 10,
      maxBatchTicks: this.#o.maxBatchTicks ?? 20_000,
      maxInFlight: this.#o.maxInFlight ?? 0,
      persist: true,
      maxAheadMs: this.#o.maxAheadMs === undefined ? 60_000 : this.#o.maxAheadMs,
    };
    channel.post(init);
    const timeout = setTimeout(() => this.#ready?.reject(new Error('the simulated feed worker did not start within 15 s')), 15_000);
    try {
      await ready;
    } catch (error) {
      this.#channel = null;
      await channel.close();
      throw error;
    } finally {
      clearTimeout(timeout);
      this.#ready = null;
    }
    if (this.#subscribed.size > 0) channel.post({ type: 'subscribe', tokens: [...this.#subscribed] });
    this.#setStatus({ connected: true, error: null });
  }

  #spawnWorker(): Channel {
    if (!this.#o.workerPath) throw new Error('the simulated feed needs the path of its worker file');
    const worker = new Worker(this.#o.workerPath, { name: 'tickdesk-simulated-feed' });
    worker.on('message', (message: unknown) => this.#onMessage(message));
    worker.on('error', (error) => this.#onWorkerDeath(`the simulated feed worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.#channel && this.#wanted) this.#onWorkerDeath(`the simulated feed worker exited (code ${code})`);
    });
    return {
      post: (message) => worker.postMessage(message),
      close: async () => {
        await worker.terminate();
      },
    };
  }

  #inProcess(): Channel {
    const { port1, port2 }: { port1: MessagePort; port2: MessagePort } = new MessageChannel();
    runFeedWorker({ postMessage: (message, transfer) => port2.postMessage(message, transfer), on: (event, listener) => port2.on(event, listener) });
    port1.on('message', (message: unknown) => this.#onMessage(message));
    return {
      post: (message) => port1.postMessage(message),
      close: async () => {
        port1.close();
        port2.close();
      },
    };
  }

  #onMessage(raw: unknown): void {
    const parsed = fromWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      this.badBatches += 1;
      this.#o.log.warn('the simulated feed worker sent a message that does not fit the protocol', { issue: parsed.error.issues[0]?.message });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'batch': {
        const batch = stagedFromMessage(message);
        if (typeof batch === 'string') {
          this.badBatches += 1;
          this.#o.log.warn('a tick batch from the feed worker was refused', { why: batch });
          return;
        }
        this.#listeners.emitBatch(batch);
        return;
      }
      case 'ready':
        // Checked once per start, not per tick.
        this.#instruments = message.instruments.map((instrument) => instrumentSchema.parse(instrument));
        this.#restarts = 0;
        this.#ready?.resolve();
        return;
      case 'stats':
        this.generatorStats = { generated: message.generated, skipped: message.skipped, closed: message.closed };
        return;
      case 'error':
        this.#o.log.warn('the simulated feed worker reported an error', { error: message.message });
        this.#setStatus({ ...this.#listeners.status(), error: message.message });
        return;
      case 'stopped':
        this.#stopped?.();
        return;
    }
  }

  #onWorkerDeath(reason: string): void {
    this.#o.log.error(reason);
    this.#ready?.reject(new Error(reason));
    const channel = this.#channel;
    this.#channel = null;
    void channel?.close();
    this.#setStatus({ connected: false, error: reason });
    if (!this.#wanted || this.#restartTimer) return;
    this.#restarts += 1;
    const delay = Math.min(30_000, 1_000 * 2 ** Math.min(this.#restarts - 1, 5));
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (!this.#wanted) return;
      this.#launch().catch((error: unknown) => this.#onWorkerDeath(error instanceof Error ? error.message : String(error)));
    }, delay);
  }

  #setStatus(status: FeedStatus): void {
    this.#listeners.setStatus(status);
  }
}
