import { describe, expect, it } from 'vitest';
import { directionOf, formatChange, formatPct, formatPrice, formatVolume, groupIndian } from './format';

describe('market number formats', () => {
  it('groups digits the Indian way', () => {
    expect(groupIndian('1')).toBe('1');
    expect(groupIndian('123')).toBe('123');
    expect(groupIndian('1234')).toBe('1,234');
    expect(groupIndian('123456')).toBe('1,23,456');
    expect(groupIndian('1234567890')).toBe('1,23,45,67,890');
  });

  it('formats prices from paise with two decimals', () => {
    expect(formatPrice(245005)).toBe('2,450.05');
    expect(formatPrice(5)).toBe('0.05');
    expect(formatPrice(2_500_000_00)).toBe('25,00,000.00');
    expect(formatPrice(-1230)).toBe('-12.30');
  });

  it('signs changes and percentages', () => {
    expect(formatChange(1230)).toBe('+12.30');
    expect(formatChange(-1230)).toBe('-12.30');
    expect(formatChange(0)).toBe('0.00');
    expect(formatPct(0.5249)).toBe('+0.52%');
    expect(formatPct(-1.071)).toBe('-1.07%');
    expect(formatPct(-0.001)).toBe('0.00%');
    expect(formatPct(Number.NaN)).toBe('—');
  });

  it('shortens big volumes to lakh and crore', () => {
    expect(formatVolume(99_999)).toBe('99,999');
    expect(formatVolume(1_234_567)).toBe('12.35 L');
    expect(formatVolume(123_456_789)).toBe('12.35 Cr');
    expect(formatVolume(1_234_567_890_123)).toBe('1,23,456.79 Cr');
    // Halves round up alike, whatever their binary form.
    expect(formatVolume(152_500)).toBe('1.53 L');
    expect(formatVolume(137_500)).toBe('1.38 L');
    expect(formatVolume(115_000_000)).toBe('11.50 Cr');
    expect(formatVolume(9_999_999)).toBe('100.00 L');
  });

  it('colours by the sign of the change', () => {
    expect([directionOf(5), directionOf(-5), directionOf(0)]).toEqual(['up', 'down', 'flat']);
  });
});
