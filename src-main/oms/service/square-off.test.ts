import { describe, expect, test } from 'vitest';
import { istInstant } from '../../../src-shared/market/ist-calendar';
import { emptyPosition } from '../positions';
import type { BookEntry } from './position-book';
import { inWindow, msUntilNext, squareOffIntents } from './square-off';

const entry = (token: number, product: 'MIS' | 'NRML', strategyId: string, netQuantity: number): BookEntry => ({
  position: { ...emptyPosition({ token, product, strategyId }), netQuantity },
  tradingsymbol: 'X', exchange: 'NFO', charges: 0,
});

describe('MIS square-off', () => {
  test('closes each MIS position of each strategy with a market order the other way; leaves NRML and flat alone', () => {
    const intents = squareOffIntents([entry(1, 'MIS', 'manual', 130), entry(1, 'MIS', 'momentum', -65), entry(2, 'NRML', 'manual', 65), entry(3, 'MIS', 'manual', 0)], '2026-11-23');
    expect(intents.map((i) => [i.token, i.side, i.quantity, i.strategyId, i.orderType, i.product])).toEqual([
      [1, 'SELL', 130, 'manual', 'MKT', 'MIS'], [1, 'BUY', 65, 'momentum', 'MKT', 'MIS'],
    ]);
    expect(intents.every((i) => i.marketProtection === -1)).toBe(true);
    // Fixed per day, token and strategy: a second run answers with the first order.
    expect(squareOffIntents([entry(1, 'MIS', 'manual', 65)], '2026-11-23')[0]?.clientOrderId).toBe(intents[0]?.clientOrderId);
    expect(intents[0]?.clientOrderId).not.toBe(intents[1]?.clientOrderId);
    expect(intents[0]?.clientOrderId).toMatch(/^SQ20261123-1-[0-9a-f]{8}$/);
  });

  test('timing: the next 15:20 IST, and the start-up window up to 15:30', () => {
    const at = istInstant('2026-11-23', 15 * 60 + 20);
    expect(msUntilNext(at - 60_000, '15:20')).toBe(60_000);
    expect(msUntilNext(at, '15:20')).toBe(86_400_000);
    expect(inWindow(at + 5 * 60_000, { at: '15:20', windowEnd: '15:30' })).toBe(true);
    expect(inWindow(at - 1, { at: '15:20', windowEnd: '15:30' })).toBe(false);
    expect(inWindow(at + 10 * 60_000, { at: '15:20', windowEnd: '15:30' })).toBe(false);
    expect(inWindow(at, { at: null, windowEnd: '15:30' })).toBe(false);
  });
});
