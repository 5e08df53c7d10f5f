/**
 * Messages between the simulated feed's worker thread and the main thread.
 * Control messages and the instrument list are checked with zod on arrival
 * (a few per second). Tick batches are checked by shape only — zod on the
 * envelope, then lengths (tick-columns.ts, copy-binary.ts) — and never per
 * tick: at 100,000 ticks/s a per-tick schema would cost more than making the
 * ticks. Their values were guarded in the worker (tick-stage.ts).
 */
import { z } from 'zod';
import { instrumentSchema } from '../../../src-shared/domain/instrument';
import { isIstDay } from '../../../src-shared/market/ist-calendar';
import { copyRowsProblem } from '../../market/ingest/copy-binary';
import { MAX_BATCH_TICKS, columnsProblem } from '../../market/ingest/tick-columns';
import type { StagedBatch } from '../../market/ingest/tick-stage';

const istDay = z.string().refine(isIstDay, 'a YYYY-MM-DD date');
const rate = z.number().positive().max(50_000_000);
const tokens = z.array(z.number().int().positive()).max(1_000_000);

export const initMessageSchema = z.object({
  type: z.literal('init'),
  seed: z.number().int(),
  ratePerSec: rate,
  simulateOutsideHours: z.boolean(),
  /** Epoch ms of tick 0; the worker's clock when omitted. */
  startTime: z.number().int().nonnegative().nullable(),
  /** IST day whose contracts (expiries) make the universe. */
  day: istDay,
  holidays: z.array(istDay).max(10_000),
  /** The worker generates and sends every batchMs. */
  batchMs: z.number().int().min(1).max(1_000),
  maxBatchTicks: z.number().int().min(1).max(MAX_BATCH_TICKS),
  /**
   * 0: real time, no flow control (the app). n > 0: at most n batches sent and
   * not yet acknowledged; the feed then runs as fast as its consumer takes
   * (benchmarks), skipping what it could not send in time.
   */
  maxInFlight: z.number().int().min(0).max(1_000),
  persist: z.boolean(),
  /** Guard: ticks stamped further than this past the worker's clock are malformed. */
  maxAheadMs: z.number().int().positive().nullable(),
});
export type InitMessage = z.infer<typeof initMessageSchema>;

export const toWorkerSchema = z.discriminatedUnion('type', [
  initMessageSchema,
  z.object({ type: z.literal('rate'), ratePerSec: rate }),
  z.object({ type: z.literal('subscribe'), tokens }),
  z.object({ type: z.literal('unsubscribe'), tokens }),
  z.object({ type: z.literal('ack'), batches: z.number().int().positive() }),
  z.object({ type: z.literal('stop') }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

const count = z.number().int().nonnegative();
const verdictsSchema = z.object({ accepted: count, unknownToken: count, badPrice: count, malformed: count, duplicate: count, outOfOrder: count });

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), instruments: z.array(instrumentSchema).max(200_000) }),
  z.object({
    type: z.literal('batch'),
    count,
    data: z.instanceof(Float64Array),
    copy: z.instanceof(Uint8Array).nullable(),
    copyRows: count,
    verdicts: verdictsSchema,
    receivedAt: z.number().nonnegative(),
  }),
  z.object({ type: z.literal('stats'), generated: count, skipped: count, closed: count }),
  z.object({ type: z.literal('error'), message: z.string().max(4_000) }),
  z.object({ type: z.literal('stopped') }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
export type BatchMessage = Extract<FromWorker, { type: 'batch' }>;

/** The message and its transfer list for a staged batch (buffers move, they are not copied). */
export function batchMessage(batch: StagedBatch): { message: BatchMessage; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [batch.columns.data.buffer as ArrayBuffer];
  if (batch.copy) transfer.push(batch.copy.bytes.buffer as ArrayBuffer);
  return {
    message: {
      type: 'batch',
      count: batch.columns.count,
      data: batch.columns.data,
      copy: batch.copy?.bytes ?? null,
      copyRows: batch.copy?.rows ?? 0,
      verdicts: batch.verdicts,
      receivedAt: batch.receivedAt,
    },
    transfer,
  };
}

/** A batch message back into a StagedBatch, or why its shape is wrong. */
export function stagedFromMessage(message: BatchMessage): StagedBatch | string {
  const problem = columnsProblem(message.count, message.data) ?? (message.copy ? copyRowsProblem(message.copy, message.copyRows) : null);
  if (problem) return problem;
  if (message.copy && message.copyRows !== message.count) return `${message.copyRows} COPY rows for ${message.count} ticks`;
  if (message.verdicts.accepted !== message.count) return `${message.count} ticks but ${message.verdicts.accepted} accepted`;
  return {
    columns: { count: message.count, data: message.data },
    copy: message.copy ? { bytes: message.copy, rows: message.copyRows } : null,
    verdicts: message.verdicts,
    receivedAt: message.receivedAt,
  };
}
