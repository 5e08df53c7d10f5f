import { describe, expect, it } from 'vitest';
import { atmStrike } from './index';

describe('ATM strike', () => {
  const strikes = [2_490_000, 2_500_000, 2_510_000, 2_520_000];

  it('is the strike nearest the underlying, in any order', () => {
    expect(atmStrike(strikes, 2_503_210)).toBe(2_500_000);
    expect(atmStrike([...strikes].reverse(), 2_506_000)).toBe(2_510_000);
    expect(atmStrike(strikes, 1_000)).toBe(2_490_000);
    expect(atmStrike(strikes, 9_000_000)).toBe(2_520_000);
  });

  it('half-way between two strikes picks the lower', () => {
    expect(atmStrike(strikes, 2_505_000)).toBe(2_500_000);
    expect(atmStrike([...strikes].reverse(), 2_505_000)).toBe(2_500_000);
  });

  it('null without strikes or without a price', () => {
    expect(atmStrike([], 2_500_000)).toBeNull();
    expect(atmStrike(strikes, Number.NaN)).toBeNull();
    expect(atmStrike([Number.NaN], 2_500_000)).toBeNull();
  });
});
