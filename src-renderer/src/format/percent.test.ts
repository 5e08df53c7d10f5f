import { describe, expect, it } from 'vitest';
import { formatRatioPct, formatSignedPct } from './percent';

describe('percentages', () => {
  it('signs day changes, two decimals, no negative zero', () => {
    expect(formatSignedPct(0.5249)).toBe('+0.52%');
    expect(formatSignedPct(-1.071)).toBe('-1.07%');
    expect(formatSignedPct(-0.001)).toBe('0.00%');
    expect(formatSignedPct(Number.NaN)).toBe('—');
  });

  it('shows ratios with one decimal, two just under 100 %', () => {
    expect(formatRatioPct(0.5)).toBe('50.0%');
    expect(formatRatioPct(0.99951)).toBe('99.95%');
    expect(formatRatioPct(1)).toBe('100.0%');
    expect(formatRatioPct(null)).toBe('—');
  });
});
