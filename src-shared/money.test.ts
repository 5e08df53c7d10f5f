import { describe, expect, it } from 'vitest';
import { applyRate, formatInr, paiseToRupeesString, roundToRupee, rupeesToPaise } from './money';

describe('money in paise', () => {
  it('parses rupee strings exactly and refuses hidden precision', () => {
    expect(rupeesToPaise('1234.5')).toBe(123450);
    expect(rupeesToPaise('-0.05')).toBe(-5);
    expect(rupeesToPaise('12')).toBe(1200);
    expect(rupeesToPaise(0.1)).toBe(10);
    expect(() => rupeesToPaise('1.005')).toThrow(/at most two decimals/);
    expect(() => rupeesToPaise('1e3')).toThrow();
  });

  it('prints NUMERIC-ready strings and Indian grouping', () => {
    expect(paiseToRupeesString(-5)).toBe('-0.05');
    expect(paiseToRupeesString(123450)).toBe('1234.50');
    expect(formatInr(1234567890)).toBe('₹1,23,45,678.90');
    expect(formatInr(-99)).toBe('-₹0.99');
  });

  it('applies rates with explicit rounding and no float drift', () => {
    // 0.1 + 0.2 style drift would show here: 0.03 % of ₹1,00,000.00 is ₹30.00 exactly.
    expect(applyRate(10_000_000, '0.0003')).toBe(3000);
    // 0.00307 % of ₹1,00,000 = ₹3.07
    expect(applyRate(10_000_000, '0.0000307')).toBe(307);
    expect(applyRate(15, '0.1')).toBe(2); // 1.5 paise rounds half up
    expect(applyRate(15, '0.1', 'floor')).toBe(1);
    expect(applyRate(-15, '0.1')).toBe(-2);
  });

  it('rounds STT to the rupee, 50 paise up', () => {
    expect(roundToRupee(2450)).toBe(2500);
    expect(roundToRupee(2449)).toBe(2400);
  });
});
