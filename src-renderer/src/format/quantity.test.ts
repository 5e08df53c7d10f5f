import { describe, expect, it } from 'vitest';
import { formatCompactCount, formatCount, formatQuantity } from './quantity';

describe('quantities and counts', () => {
  it('counts in Indian grouping', () => {
    expect(formatCount(1234567)).toBe('12,34,567');
    expect(formatCount(null)).toBe('—');
    expect(formatCount(undefined)).toBe('—');
  });

  it('groups quantities and keeps the sign of a short position', () => {
    expect(formatQuantity(65)).toBe('65');
    expect(formatQuantity(1755)).toBe('1,755');
    expect(formatQuantity(-1755)).toBe('-1,755');
    expect(formatQuantity(-0.4)).toBe('0');
    expect(formatQuantity(Number.NaN)).toBe('—');
  });

  it('shortens rates to thousands', () => {
    expect(formatCompactCount(950.4)).toBe('950');
    expect(formatCompactCount(1_250)).toBe('1.3k');
    expect(formatCompactCount(12_400)).toBe('12k');
  });
});
