/**
 * Angel One's lower-case order statuses → ours, read with the shared reader
 * (kite/status-map.ts), and → the broker port's five normalised statuses.
 *
 * An order row has two words (§A3): `status`, which says `modified` after a modify,
 * and `orderstatus`, which then still says where the order rests (`trigger pending`).
 * `orderstatus` is read first, `status` when it is empty.
 *
 * Confirmed words: open, complete, rejected, cancelled, trigger pending, modified, and
 * from the order-update socket's code table open pending, modify pending and the three
 * after-market ones. Angel's full list exists only as an image (§D3): the Kite-style
 * words below are Kite's meanings, and any other word claims nothing (SENT, `known:
 * false`), so the adapter logs it and reconciliation asks again.
 */
import type { OrderType } from '../../../src-shared/orders/order-types';
import type { BrokerOrderStatus } from '../../oms/broker-port';
import { readStatus, type FillProgress, type StatusReading, type StatusRule } from '../kite/status-map';

const rule = (status: StatusRule['status'], interim: boolean, reported: StatusRule['reported']): StatusRule => ({ status, interim, reported });

export const ANGEL_STATUS_RULES: ReadonlyMap<string, StatusRule> = new Map([
  ['open', rule('OPEN', false, 'OPEN')],
  ['trigger pending', rule('TRIGGER_PENDING', false, 'TRIGGER_PENDING')],
  ['complete', rule('FILLED', false, null)],
  ['cancelled', rule('CANCELLED', false, 'CANCELLED')],
  ['rejected', rule('REJECTED', false, null)],
  // After a modify took effect; where it rests is orderstatus's to say.
  ['modified', rule('OPEN', false, null)],
  ['open pending', rule('SENT', true, null)],
  ['modify pending', rule('MODIFY_PENDING', true, null)],
  // Queued for the next session: it rests like an open order, unseen by the exchange.
  ['after market order req received', rule('OPEN', true, 'OPEN')],
  ['modify after market order req received', rule('MODIFY_PENDING', true, null)],
  ['cancelled after market order', rule('CANCELLED', false, 'CANCELLED')],
  // Kite's words, which Angel's back office is reported to share (unconfirmed, §D3).
  ['put order req received', rule('SENT', true, null)],
  ['validation pending', rule('SENT', true, null)],
  ['modify validation pending', rule('MODIFY_PENDING', true, null)],
  ['cancel pending', rule('CANCEL_PENDING', true, null)],
]);

export function normaliseAngelStatus(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The word to read from an order row: orderstatus, or status when orderstatus is empty. */
export function angelStatusWord(row: { status: string | null; orderstatus: string | null }): string {
  return row.orderstatus ?? row.status ?? '';
}

export function readAngelStatus(brokerStatus: string, progress: FillProgress): StatusReading {
  return readStatus(ANGEL_STATUS_RULES, normaliseAngelStatus, brokerStatus, progress);
}

/**
 * The port's status. Interim words carry no resting state: a stop order reads
 * TRIGGER_PENDING and anything else OPEN until the next read says more.
 */
export function angelBrokerStatus(reading: StatusReading, orderType: OrderType): BrokerOrderStatus {
  switch (reading.status) {
    case 'FILLED':
    case 'CANCELLED':
    case 'REJECTED':
    case 'TRIGGER_PENDING':
      return reading.status;
    default:
      return reading.interim && (orderType === 'SL' || orderType === 'SL-M') ? 'TRIGGER_PENDING' : 'OPEN';
  }
}
