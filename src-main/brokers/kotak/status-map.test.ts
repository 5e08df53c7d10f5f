import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../src-shared/orders/order-types';
import { KOTAK_STATUS_RULES, readKotakStatus } from './status-map';

const none = { filledQuantity: 0, quantity: 130 };

describe('Kotak status map', () => {
  const expected: [string, OrderStatus, boolean][] = [
    ['put order req received', 'SENT', false],
    ['validation pending', 'SENT', false],
    ['open pending', 'SENT', false],
    ['open', 'OPEN', false],
    ['trigger pending', 'TRIGGER_PENDING', false],
    ['modify validation pending', 'MODIFY_PENDING', false],
    ['modify pending', 'MODIFY_PENDING', false],
    ['modified', 'OPEN', false],
    ['cancel pending', 'CANCEL_PENDING', false],
    ['complete', 'FILLED', true],
    ['traded', 'FILLED', true],
    ['cancelled', 'CANCELLED', true],
    ['rejected', 'REJECTED', true],
  ];

  it.each(expected)('%s → %s', (word, status, terminal) => {
    expect(readKotakStatus(word, none)).toMatchObject({ status, terminal, known: true, brokerStatus: word });
  });

  it('has a rule for each documented word and no others', () => {
    expect([...KOTAK_STATUS_RULES.keys()].sort()).toEqual(expected.map(([w]) => w).sort());
  });

  it('follows the documented path put order req received → validation pending → open pending → open → complete', () => {
    const path = ['put order req received', 'validation pending', 'open pending', 'open', 'complete'].map((w) => readKotakStatus(w, none).status);
    expect(path).toEqual(['SENT', 'SENT', 'SENT', 'OPEN', 'FILLED']);
  });

  it('reports only the statuses the ledger acts on', () => {
    expect(readKotakStatus('open', none).reported).toBe('OPEN');
    expect(readKotakStatus('trigger pending', none).reported).toBe('TRIGGER_PENDING');
    expect(readKotakStatus('cancelled', none).reported).toBe('CANCELLED');
    expect(readKotakStatus('validation pending', none).reported).toBeNull();
    expect(readKotakStatus('traded', none).reported).toBeNull(); // fills come from the trade book
  });

  it('accepts other casings, reads part fills, and flags unknown words without throwing', () => {
    expect(readKotakStatus('OPEN', none).status).toBe('OPEN');
    expect(readKotakStatus('open', { filledQuantity: 65, quantity: 130 })).toMatchObject({ status: 'PARTIALLY_FILLED', partiallyFilled: true });
    expect(readKotakStatus('after market order req received', none)).toMatchObject({ status: 'SENT', known: false, terminal: false, reported: null });
  });
});
