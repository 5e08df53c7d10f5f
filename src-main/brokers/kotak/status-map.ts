/**
 * Kotak Neo's lowercase order statuses → ours, read with the shared reader
 * (kite/status-map.ts): same meanings as Kite's words, plus "traded", which Kotak
 * uses as a terminal fill. Unknown words are flagged and claim nothing.
 */
import { readStatus, type FillProgress, type StatusReading, type StatusRule } from '../kite/status-map';

const rule = (status: StatusRule['status'], interim: boolean, reported: StatusRule['reported']): StatusRule => ({ status, interim, reported });

export const KOTAK_STATUS_RULES: ReadonlyMap<string, StatusRule> = new Map([
  ['put order req received', rule('SENT', true, null)],
  ['validation pending', rule('SENT', true, null)],
  ['open pending', rule('SENT', true, null)],
  ['open', rule('OPEN', false, 'OPEN')],
  ['trigger pending', rule('TRIGGER_PENDING', false, 'TRIGGER_PENDING')],
  ['modify validation pending', rule('MODIFY_PENDING', true, null)],
  ['modify pending', rule('MODIFY_PENDING', true, null)],
  ['modified', rule('OPEN', false, null)],
  ['cancel pending', rule('CANCEL_PENDING', true, null)],
  ['complete', rule('FILLED', false, null)],
  ['traded', rule('FILLED', false, null)],
  ['cancelled', rule('CANCELLED', false, 'CANCELLED')],
  ['rejected', rule('REJECTED', false, null)],
]);

export function normaliseKotakStatus(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function readKotakStatus(brokerStatus: string, progress: FillProgress): StatusReading {
  return readStatus(KOTAK_STATUS_RULES, normaliseKotakStatus, brokerStatus, progress);
}
