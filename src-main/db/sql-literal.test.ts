import { describe, expect, test } from 'vitest';
import { jsonbLiteral, sqlLiteral } from './sql-literal';

describe('sqlLiteral', () => {
  test('quotes strings so they stay values', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral("a\\'; DROP TABLE orders; --")).toBe(" E'a\\\\''; DROP TABLE orders; --'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(false)).toBe('FALSE');
    expect(sqlLiteral(new Date(0))).toBe("'1970-01-01T00:00:00.000Z'::timestamptz");
    expect(jsonbLiteral({ a: "x'y" })).toBe(`'{"a":"x''y"}'::jsonb`);
  });

  test('refuses what it cannot write faithfully', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(RangeError);
    expect(() => sqlLiteral('a\u0000b')).toThrow(RangeError);
    expect(() => sqlLiteral('a\udacfb')).toThrow(/unpaired UTF-16 surrogate/);
    expect(sqlLiteral('a\u{1F600}b')).toBe("'a\u{1F600}b'");
    expect(() => sqlLiteral({})).toThrow(TypeError);
  });
});
