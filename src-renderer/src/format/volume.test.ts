import { describe, expect, it } from 'vitest';
import { formatVolume } from './volume';

describe('volume', () => {
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
});
