import { describe, expect, test } from 'vitest';
import { exactTypes } from './pool';

const parse = (oid: number, text: string): unknown => (exactTypes.getTypeParser as (oid: number, format?: string) => (value: string) => unknown)(oid, 'text')(text);

describe('exactTypes', () => {
  test('int8 and numeric stay exact strings', () => {
    expect(parse(20, '9007199254740993')).toBe('9007199254740993');
    expect(parse(1700, '12345678901234.05')).toBe('12345678901234.05');
  });

  test('date stays the calendar day it is, not a Date at local midnight', () => {
    expect(parse(1082, '2026-12-31')).toBe('2026-12-31');
    expect(parse(1182, '{2026-12-31,2027-01-01}')).toEqual(['2026-12-31', '2027-01-01']);
  });

  test('their arrays too (pg would parse numeric[] as floats)', () => {
    expect(parse(1231, '{0.1,2.50,NULL}')).toEqual(['0.1', '2.50', null]);
    expect(parse(1016, '{9007199254740993}')).toEqual(['9007199254740993']);
  });

  test('other types keep pg defaults', () => {
    expect(parse(23, '42')).toBe(42);
    expect(parse(16, 't')).toBe(true);
    expect(parse(1184, '2026-01-01 00:00:00+00')).toEqual(new Date('2026-01-01T00:00:00Z'));
  });
});
