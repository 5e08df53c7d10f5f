import type pg from 'pg';
import type { ChainVerification } from '../../src-shared/contract/domains/audit';
import { chainHash, GENESIS_HASH, type CanonicalEvent } from './chain-canonical';

/**
 * Walks the ledger's hash chain in event_id order (= the chain's order, see
 * migrations/0012) and recomputes every link in Node. Keyset batches keep
 * memory flat at any ledger size and hold no long transaction: appends made
 * meanwhile only add higher ids, and they join the walk when it gets there.
 *
 * A link is broken when an event's prev_hash is not the previous event's hash
 * (an event deleted, reordered, or its successor's prev_hash edited), or when
 * its hash is not sha256(prev_hash || canonical(event)) (its content edited).
 * Only the first break is reported: everything after it is unverifiable.
 */

interface ChainRow {
  event_id: string;
  order_id: string;
  client_order_id: string;
  parent_order_id: string | null;
  broker_order_id: string | null;
  seq: string;
  event_type: string;
  status_after: string | null;
  payload_text: string;
  strategy_id: string;
  algo_id: string | null;
  broker: string;
  created_us: string;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

// ORDER BY e.event_id, qualified: a bare name would sort by the text alias ('10' < '2').
const BATCH_SQL = `
  SELECT event_id::text, order_id::text, client_order_id, parent_order_id::text, broker_order_id, seq::text,
         event_type, status_after, payload::text AS payload_text, strategy_id, algo_id, broker,
         (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us, prev_hash, hash
  FROM order_events e WHERE e.event_id > $1 ORDER BY e.event_id LIMIT $2`;

export interface VerifyOptions {
  batchSize?: number;
  /** Called after each batch with the events checked so far. */
  onProgress?: (checked: number) => void;
  /** Checked between batches; true stops the walk (the result says so). */
  cancelled?: () => boolean;
}

const hex = (value: Buffer | null): string | null => (value === null ? null : value.toString('hex'));

function canonicalOf(row: ChainRow): CanonicalEvent {
  return {
    eventId: row.event_id,
    orderId: row.order_id,
    clientOrderId: row.client_order_id,
    parentOrderId: row.parent_order_id,
    brokerOrderId: row.broker_order_id,
    seq: row.seq,
    eventType: row.event_type,
    statusAfter: row.status_after,
    payloadText: row.payload_text,
    strategyId: row.strategy_id,
    algoId: row.algo_id,
    broker: row.broker,
    createdAtMicros: row.created_us,
  };
}

export async function verifyLedgerChain(db: pg.Pool | pg.ClientBase, options: VerifyOptions = {}): Promise<ChainVerification> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5_000;
  let expectedPrev: Buffer = GENESIS_HASH;
  let lastId = '0';
  let checked = 0;
  let headEventId: number | null = null;
  const done = (result: Pick<ChainVerification, 'ok' | 'firstBroken'> & { complete?: boolean }): ChainVerification => ({
    ok: result.ok,
    complete: result.complete ?? true,
    checked,
    headEventId,
    headHash: checked > 0 && result.ok ? expectedPrev.toString('hex') : null,
    firstBroken: result.firstBroken,
    elapsedMs: Math.round(performance.now() - started),
  });

  for (;;) {
    if (options.cancelled?.()) return done({ ok: false, firstBroken: null, complete: false });
    const { rows } = await db.query<ChainRow>(BATCH_SQL, [lastId, batchSize]);
    for (const row of rows) {
      const eventId = Number(row.event_id);
      if (row.prev_hash === null || !row.prev_hash.equals(expectedPrev)) {
        return done({
          ok: false,
          firstBroken: { eventId, link: 'prev_hash', expected: expectedPrev.toString('hex'), found: hex(row.prev_hash) },
        });
      }
      const recomputed = chainHash(row.prev_hash, canonicalOf(row));
      if (row.hash === null || !row.hash.equals(recomputed)) {
        return done({ ok: false, firstBroken: { eventId, link: 'hash', expected: recomputed.toString('hex'), found: hex(row.hash) } });
      }
      expectedPrev = row.hash;
      checked += 1;
      headEventId = eventId;
      lastId = row.event_id;
    }
    options.onProgress?.(checked);
    if (rows.length < batchSize) return done({ ok: true, firstBroken: null });
  }
}

/**
 * One walk at a time: a request while a walk runs joins it instead of doubling the reads
 * (a second click on Verify, a second window). The pool is asked for at each walk.
 */
export function sharedChainVerifier(pool: () => pg.Pool): () => Promise<ChainVerification> {
  let walking: Promise<ChainVerification> | null = null;
  return () => {
    walking ??= verifyLedgerChain(pool()).finally(() => {
      walking = null;
    });
    return walking;
  };
}
