import { describe, expect, it } from 'vitest';
import { averagePaise, averageRupeesString, divideHalfUp, valueOf } from './exact-average';

describe('exact averages', () => {
  it('divides half away from zero', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(4n, 3n)).toBe(1n);
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('averages in paise and as 4-decimal rupees', () => {
    const total = valueOf(1, 10_000) + valueOf(2, 10_001); // 30,002 paise over 3 units
    expect(averagePaise(total, 3)).toBe(10_001); // 10,000.67 → 10,001
    expect(averageRupeesString(total, 3)).toBe('100.0067');
    expect(averageRupeesString(total, 3, 2)).toBe('100.01');
    expect(averageRupeesString(5n, 1)).toBe('0.0500');
    expect(averagePaise(-157_300_000n, -65)).toBe(2_420_000); // a short's basis is negative
    expect(averageRupeesString(-157_300_000n, -65)).toBe('24200.0000');
    expect(averageRupeesString(-1n, 3)).toBe('-0.0033');
    expect(averagePaise(0n, 0)).toBeNull();
    expect(averageRupeesString(0n, 0)).toBeNull();
  });
});
