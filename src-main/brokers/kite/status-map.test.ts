import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../src-shared/orders/order-types';
import { KITE_STATUS_RULES, readKiteStatus } from './status-map';

const none = { filledQuantity: 0, quantity: 65 };
const part = { filledQuantity: 30, quantity: 65 };

describe('Kite status map', () => {
  const expected: [string, OrderStatus, boolean, string | null][] = [
    ['PUT ORDER REQ RECEIVED', 'SENT', true, null],
    ['VALIDATION PENDING', 'SENT', true, null],
    ['OPEN PENDING', 'SENT', true, null],
    ['OPEN', 'OPEN', false, 'OPEN'],
    ['TRIGGER PENDING', 'TRIGGER_PENDING', false, 'TRIGGER_PENDING'],
    ['AMO REQ RECEIVED', 'OPEN', true, 'OPEN'],
    ['MODIFY VALIDATION PENDING', 'MODIFY_PENDING', true, null],
    ['MODIFY PENDING', 'MODIFY_PENDING', true, null],
    ['MODIFIED', 'OPEN', false, null],
    ['CANCEL PENDING', 'CANCEL_PENDING', true, null],
    ['COMPLETE', 'FILLED', false, null],
    ['CANCELLED', 'CANCELLED', false, 'CANCELLED'],
    ['REJECTED', 'REJECTED', false, null],
  ];

  it.each(expected)('%s → %s', (word, status, interim, reported) => {
    const reading = readKiteStatus(word, none);
    expect(reading).toMatchObject({ status, interim, reported, known: true, brokerStatus: word, partiallyFilled: false });
    expect(reading.terminal).toBe(status === 'FILLED' || status === 'CANCELLED' || status === 'REJECTED');
  });

  it('covers every documented status and nothing undocumented', () => {
    expect([...KITE_STATUS_RULES.keys()].sort()).toEqual(expected.map(([word]) => word).sort());
  });

  it('reads a working order with some quantity filled as PARTIALLY_FILLED', () => {
    expect(readKiteStatus('OPEN', part)).toMatchObject({ status: 'PARTIALLY_FILLED', partiallyFilled: true, reported: 'OPEN' });
    expect(readKiteStatus('MODIFIED', part).status).toBe('PARTIALLY_FILLED');
  });

  it('keeps pending and terminal statuses but flags the partial fill', () => {
    expect(readKiteStatus('MODIFY PENDING', part)).toMatchObject({ status: 'MODIFY_PENDING', partiallyFilled: true });
    expect(readKiteStatus('CANCEL PENDING', part)).toMatchObject({ status: 'CANCEL_PENDING', partiallyFilled: true });
    expect(readKiteStatus('CANCELLED', part)).toMatchObject({ status: 'CANCELLED', partiallyFilled: true, terminal: true });
    expect(readKiteStatus('COMPLETE', { filledQuantity: 65, quantity: 65 })).toMatchObject({ status: 'FILLED', partiallyFilled: false });
  });

  it('tolerates case and spacing but keeps the word as received', () => {
    expect(readKiteStatus('  trigger   pending ', none)).toMatchObject({ status: 'TRIGGER_PENDING', known: true, brokerStatus: '  trigger   pending ' });
  });

  it('reads an unknown status as unconfirmed and flags it, without throwing', () => {
    for (const word of ['LAPSED', '', 'UNKNOWN STATE']) {
      expect(readKiteStatus(word, none)).toEqual({
        status: 'SENT', interim: true, reported: null, brokerStatus: word, known: false, terminal: false, partiallyFilled: false,
      });
    }
  });
});
