/**
 * Breeze's title-case order statuses ("Ordered", "Executed"…) → ours, with the shared
 * reader (kite/status-map.ts), and → the broker port's five statuses.
 *
 * The words are the order-notification code table's (config.py: R Requested, Q Queued,
 * O Ordered, P Partially Executed, E Executed, J Rejected, X Expired, B Partially
 * Executed And Expired, D Partially Executed And Cancelled, F Freezed, C Cancelled);
 * "Ordered" is seen in REST answers, and that REST uses the rest of these words too is
 * not confirmed (§D11). Unknown words claim nothing. Expiry (end of day, IOC) ends an
 * order like a cancel. Breeze has no "trigger pending": a stop order that rests with
 * nothing filled reads TRIGGER_PENDING at the port.
 */
import type { OrderType } from '../../../src-shared/orders/order-types';
import type { BrokerOrderStatus } from '../../oms/broker-port';
import { readStatus, type FillProgress, type StatusReading, type StatusRule } from '../kite/status-map';

const rule = (status: StatusRule['status'], interim: boolean, reported: StatusRule['reported']): StatusRule => ({ status, interim, reported });

export const BREEZE_STATUS_RULES: ReadonlyMap<string, StatusRule> = new Map([
  ['requested', rule('SENT', true, null)],
  ['queued', rule('SENT', true, null)],
  ['ordered', rule('OPEN', false, 'OPEN')],
  ['partially executed', rule('OPEN', false, 'OPEN')],
  ['executed', rule('FILLED', false, null)],
  ['rejected', rule('REJECTED', false, null)],
  ['expired', rule('CANCELLED', false, 'CANCELLED')],
  ['partially executed and expired', rule('CANCELLED', false, 'CANCELLED')],
  ['partially executed and cancelled', rule('CANCELLED', false, 'CANCELLED')],
  // Held by the exchange's quantity or price freeze: with the broker, not working yet.
  ['freezed', rule('SENT', true, null)],
  ['cancelled', rule('CANCELLED', false, 'CANCELLED')],
]);

/** The notification's one-letter codes → the words above. */
export const BREEZE_STATUS_CODES: ReadonlyMap<string, string> = new Map([
  ['R', 'Requested'],
  ['Q', 'Queued'],
  ['O', 'Ordered'],
  ['P', 'Partially Executed'],
  ['E', 'Executed'],
  ['J', 'Rejected'],
  ['X', 'Expired'],
  ['B', 'Partially Executed And Expired'],
  ['D', 'Partially Executed And Cancelled'],
  ['F', 'Freezed'],
  ['C', 'Cancelled'],
]);

export function normaliseBreezeStatus(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function readBreezeStatus(brokerStatus: string, progress: FillProgress): StatusReading {
  return readStatus(BREEZE_STATUS_RULES, normaliseBreezeStatus, brokerStatus, progress);
}

export function breezeBrokerStatus(reading: StatusReading, orderType: OrderType, filledQuantity: number): BrokerOrderStatus {
  const stop = orderType === 'SL' || orderType === 'SL-M';
  switch (reading.status) {
    case 'FILLED':
    case 'CANCELLED':
    case 'REJECTED':
    case 'TRIGGER_PENDING':
      return reading.status;
    default:
      return stop && filledQuantity === 0 ? 'TRIGGER_PENDING' : 'OPEN';
  }
}
