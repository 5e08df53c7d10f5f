import { describe, expect, it } from 'vitest';
import { formatChange, formatInr, formatPnl, formatRupees } from './money';

describe('money on screen', () => {
  it('formats prices from paise with two decimals', () => {
    expect(formatRupees(245005)).toBe('2,450.05');
    expect(formatRupees(5)).toBe('0.05');
    expect(formatRupees(2_500_000_00)).toBe('25,00,000.00');
    expect(formatRupees(-1230)).toBe('-12.30');
  });

  it('shows a dash for a price that is not there, and whole paise of a scaled float', () => {
    expect(formatRupees(null)).toBe('—');
    expect(formatRupees(245005.7)).toBe('2,450.05');
    expect(formatRupees(-0.4)).toBe('0.00');
  });

  it('signs changes', () => {
    expect(formatChange(1230)).toBe('+12.30');
    expect(formatChange(-1230)).toBe('-12.30');
    expect(formatChange(0)).toBe('0.00');
  });

  it('signs P&L with the rupee sign, and keeps the shared ₹ format', () => {
    expect(formatPnl(123450)).toBe('+₹1,234.50');
    expect(formatPnl(-1200)).toBe('-₹12.00');
    expect(formatPnl(0)).toBe('₹0.00');
    expect(formatInr(1234567890)).toBe('₹1,23,45,678.90');
  });
});
