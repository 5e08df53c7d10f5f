/**
 * Broker order statuses → our OrderStatus. Kite's words are here; Kotak reuses the
 * reader with its own table (kotak/status-map.ts).
 *
 * Each reading also says what, if anything, the adapter should append to the ledger
 * as STATUS_CHANGED (`reported`): only OPEN, TRIGGER_PENDING and CANCELLED are news
 * for the fold; fills come as FILL events from the trade book and rejections as
 * REJECTED events with the broker's status_message, and interim words ("VALIDATION
 * PENDING") only say the broker is still working on it.
 *
 * An unknown word never throws and never claims anything: it reads as SENT ("with the
 * broker, state not confirmed"), not terminal, with nothing to report, and `known:
 * false` so the adapter logs it and the reconciler asks again. Guessing FILLED or
 * CANCELLED from a word we do not know could lose track of a live order.
 */
import type { ReportedStatus } from '../../../src-shared/orders/order-events';
import { isTerminalStatus, type OrderStatus } from '../../../src-shared/orders/order-types';

export interface StatusRule {
  status: OrderStatus;
  /** The broker has the order but has not finished a step (validation, AMO queue, modify, cancel). */
  interim: boolean;
  reported: ReportedStatus | null;
}

export interface StatusReading extends StatusRule {
  /** The broker's word exactly as received (kept for the ledger and the screen). */
  brokerStatus: string;
  known: boolean;
  terminal: boolean;
  /** Some but not all of the quantity has filled (from the broker's filled quantity). */
  partiallyFilled: boolean;
}

export interface FillProgress {
  filledQuantity: number;
  quantity: number;
}

const UNKNOWN: StatusRule = { status: 'SENT', interim: true, reported: null };

/**
 * Reads a status with a broker's table. A working order (OPEN) with part of its
 * quantity filled reads PARTIALLY_FILLED; the pending states keep their status and
 * set `partiallyFilled`, since a modify or cancel can be in flight on a part-filled order.
 */
export function readStatus(
  table: ReadonlyMap<string, StatusRule>,
  normalise: (word: string) => string,
  brokerStatus: string,
  progress: FillProgress,
): StatusReading {
  const rule = table.get(normalise(brokerStatus));
  const base = rule ?? UNKNOWN;
  const partiallyFilled = progress.filledQuantity > 0 && progress.filledQuantity < progress.quantity;
  const status = base.status === 'OPEN' && progress.filledQuantity > 0 ? 'PARTIALLY_FILLED' : base.status;
  return {
    ...base,
    status,
    brokerStatus,
    known: rule !== undefined,
    terminal: isTerminalStatus(status),
    partiallyFilled,
  };
}

const rule = (status: OrderStatus, interim: boolean, reported: ReportedStatus | null): StatusRule => ({ status, interim, reported });

/** Kite's words (MARKET-FACTS), upper case with single spaces. */
export const KITE_STATUS_RULES: ReadonlyMap<string, StatusRule> = new Map([
  ['PUT ORDER REQ RECEIVED', rule('SENT', true, null)],
  ['VALIDATION PENDING', rule('SENT', true, null)],
  ['OPEN PENDING', rule('SENT', true, null)],
  ['OPEN', rule('OPEN', false, 'OPEN')],
  ['TRIGGER PENDING', rule('TRIGGER_PENDING', false, 'TRIGGER_PENDING')],
  // Accepted by the broker and queued for the open: cancellable and modifiable by
  // order id, so it rests like an open order; interim because the exchange has not seen it.
  ['AMO REQ RECEIVED', rule('OPEN', true, 'OPEN')],
  ['MODIFY VALIDATION PENDING', rule('MODIFY_PENDING', true, null)],
  ['MODIFY PENDING', rule('MODIFY_PENDING', true, null)],
  // History entry after a modification took effect: the order works on. Whether it is
  // open or waiting for its trigger is for the next entry to say, so nothing is reported.
  ['MODIFIED', rule('OPEN', false, null)],
  ['CANCEL PENDING', rule('CANCEL_PENDING', true, null)],
  ['COMPLETE', rule('FILLED', false, null)],
  ['CANCELLED', rule('CANCELLED', false, 'CANCELLED')],
  ['REJECTED', rule('REJECTED', false, null)],
]);

export function normaliseKiteStatus(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toUpperCase();
}

export function readKiteStatus(brokerStatus: string, progress: FillProgress): StatusReading {
  return readStatus(KITE_STATUS_RULES, normaliseKiteStatus, brokerStatus, progress);
}
