import { createHash } from 'node:crypto';

/**
 * The ledger hash chain's canonical form, recomputed in Node. It must match
 * tickdesk_order_event_canonical() of migrations/0012_ledger_hash_chain.sql
 * byte for byte: a version tag, then each column as "<UTF-8 byte length>:<text>",
 * NULL as "~". Verification recomputes it here independently of the SQL, so a
 * database whose function was swapped cannot vouch for itself.
 */

/** 'tdledger' as a bigint: the advisory lock the chain trigger takes per transaction. */
export const LEDGER_CHAIN_LOCK_KEY = 8386947588802700658n;

export const GENESIS_HASH = Buffer.alloc(32);

const VERSION_TAG = 'tickdesk.order_events.v1';

/** One event's columns as text, exactly as the SQL side casts them. */
export interface CanonicalEvent {
  eventId: string;
  orderId: string;
  clientOrderId: string;
  parentOrderId: string | null;
  brokerOrderId: string | null;
  seq: string;
  eventType: string;
  statusAfter: string | null;
  /** jsonb's text form (payload::text), never re-serialised in JS. */
  payloadText: string;
  strategyId: string;
  algoId: string | null;
  broker: string;
  /** created_at as microseconds since the Unix epoch (decimal text). */
  createdAtMicros: string;
}

/** Built as one string and encoded once: its UTF-8 bytes are the fields' bytes in order. */
function field(value: string | null): string {
  return value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

/**
 * "YYYY-MM-DDTHH:MM:SS.ffffffZ" from epoch microseconds — the text
 * to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') gives.
 * BigInt keeps every microsecond (a Date holds milliseconds only).
 */
export function isoMicros(micros: string | bigint): string {
  const us = BigInt(micros);
  const floorMs = us >= 0n ? us / 1000n : -((-us + 999n) / 1000n);
  const subMs = us - floorMs * 1000n;
  const iso = new Date(Number(floorMs)).toISOString();
  return `${iso.slice(0, 23)}${subMs.toString().padStart(3, '0')}Z`;
}

function canonicalText(e: CanonicalEvent): string {
  return (
    VERSION_TAG +
    field(e.eventId) +
    field(e.orderId) +
    field(e.clientOrderId) +
    field(e.parentOrderId) +
    field(e.brokerOrderId) +
    field(e.seq) +
    field(e.eventType) +
    field(e.statusAfter) +
    field(e.payloadText) +
    field(e.strategyId) +
    field(e.algoId) +
    field(e.broker) +
    field(isoMicros(e.createdAtMicros))
  );
}

export function canonicalEventBytes(e: CanonicalEvent): Buffer {
  return Buffer.from(canonicalText(e), 'utf8');
}

/** hash = sha256(prev_hash || canonical(event)). */
export function chainHash(prevHash: Buffer, e: CanonicalEvent): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalText(e), 'utf8').digest();
}
