import { describe, expect, it } from 'vitest';
import { int8ToNumber, numericToPaise } from './numeric';

describe('numericToPaise', () => {
  it('converts NUMERIC rupees text exactly', () => {
    expect(numericToPaise('2450.05')).toBe(245005);
    expect(numericToPaise('2450.0500')).toBe(245005);
    expect(numericToPaise('0.05')).toBe(5);
    expect(numericToPaise('12')).toBe(1200);
    expect(numericToPaise('-3.10')).toBe(-310);
    // 0.1 + 0.2 territory: no float ever touches the digits.
    expect(numericToPaise('1234567890.29')).toBe(123456789029);
  });

  it('refuses sub-paisa values unless asked to round (VWAP)', () => {
    expect(() => numericToPaise('0.0025')).toThrow(RangeError);
    expect(numericToPaise('100.1250', 'half-up')).toBe(10013);
    expect(numericToPaise('100.1249', 'half-up')).toBe(10012);
    expect(() => numericToPaise('abc')).toThrow(RangeError);
  });
});

describe('int8ToNumber', () => {
  it('refuses what a double cannot hold', () => {
    expect(int8ToNumber('738561')).toBe(738561);
    expect(() => int8ToNumber('9223372036854775807')).toThrow(RangeError);
  });
});
