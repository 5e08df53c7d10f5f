import { describe, expect, test } from 'vitest';
import { CopyCsvEncoder, type CsvColumnSource } from './copy-bytes-to-csv';
import { escapeCopyField } from './copy-text';
import { csvLine, type CellKind } from './csv-cell';

/**
 * The byte encoder must agree exactly with the string rules of csv-cell.ts
 * (which the cell tests pin down): a differential test over random rows full
 * of the awkward characters, fed in as COPY text, with chunk splits anywhere.
 */

const ALPHABET = ['a', 'Z', '0', '9', '.', '-', '=', '+', '@', ',', '"', "'", '\t', '\r', '\n', '\\', ' ', 'N', '₹', 'न', '😀', '\b', '{', '}'];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(rand: () => number, kind: CellKind, maxLength = 12): string | null {
  const r = rand();
  if (r < 0.1) return null;
  if (r < 0.15) return '';
  if (kind === 'number' && r < 0.7) return `${rand() < 0.5 ? '-' : ''}${Math.floor(rand() * 1e6)}${rand() < 0.5 ? `.${Math.floor(rand() * 100)}` : ''}`;
  let text = '';
  const length = Math.floor(rand() * maxLength);
  for (let i = 0; i < length; i += 1) text += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return text;
}

const encodeAll = (encoder: CopyCsvEncoder, copy: Buffer, split: number): string => {
  // Whole rows only, as the transform feeds it: cut at the last LF before `split`.
  const cut = copy.lastIndexOf(0x0a, split) + 1;
  const parts = [encoder.encode(copy, 0, cut).csv, encoder.encode(copy, cut, copy.length).csv];
  return Buffer.concat(parts).toString('utf8');
};

describe('COPY bytes to CSV', () => {
  test('agrees with the string rules on 2,000 random rows', () => {
    const rand = mulberry32(42);
    const kinds: CellKind[] = ['text', 'number', 'text', 'text', 'number', 'text'];
    const rows = Array.from({ length: 2000 }, () => kinds.map((kind) => randomValue(rand, kind)));
    const copy = Buffer.from(rows.map((row) => `${row.map(escapeCopyField).join('\t')}\n`).join(''), 'utf8');
    const expected = rows.map((row) => csvLine(kinds, row)).join('');
    const encoder = new CopyCsvEncoder(kinds.map((kind, field) => ({ field, kind })));
    for (const split of [0, 7, copy.length >> 1, copy.length]) expect(encodeAll(encoder, copy, split)).toBe(expected);
  });

  test('agrees with the string rules on long cells too (the one-pass path), with and without special characters', () => {
    const rand = mulberry32(7);
    const kinds: CellKind[] = ['text', 'number', 'text'];
    const plain = (n: number) => Array.from({ length: n }, () => 'abc₹ 01{}'[Math.floor(rand() * 9)]).join('');
    const rows = Array.from({ length: 2000 }, (_, i): (string | null)[] =>
      i % 3 === 0 ? [`${i % 2 ? '=' : ''}${plain(60 + (i % 80))}`, plain(70), plain(i % 100)] : kinds.map((kind) => randomValue(rand, kind, 200)));
    const copy = Buffer.from(rows.map((row) => `${row.map(escapeCopyField).join('\t')}\n`).join(''), 'utf8');
    const expected = rows.map((row) => csvLine(kinds, row)).join('');
    const encoder = new CopyCsvEncoder(kinds.map((kind, field) => ({ field, kind })));
    for (const split of [0, 7, copy.length >> 1, copy.length]) expect(encodeAll(encoder, copy, split)).toBe(expected);
  });

  test('one field may feed several columns, in any order', () => {
    const encoder = new CopyCsvEncoder([{ field: 1, kind: 'text' }, { field: 0, kind: 'number' }, { field: 1, kind: 'text' }]);
    const copy = Buffer.from('-7\t=x\n');
    expect(encoder.encode(copy, 0, copy.length)).toEqual({ csv: Buffer.from("'=x,-7,'=x\r\n"), rows: 1 });
  });

  test('a row with too few or too many fields is an error', () => {
    const encoder = new CopyCsvEncoder([{ field: 0, kind: 'text' }, { field: 1, kind: 'text' }]);
    expect(() => encoder.encode(Buffer.from('a\n'), 0, 2)).toThrow(/fewer than 2/);
    expect(() => encoder.encode(Buffer.from('a\tb\tc\n'), 0, 6)).toThrow(/more than 2/);
  });
});

describe('timestamps from timestamptz output at UTC', () => {
  const sources: CsvColumnSource[] = [{ field: 0, kind: 'ist' }, { field: 0, kind: 'utc' }];
  const encoder = new CopyCsvEncoder(sources);
  const encode = (text: string) => {
    const copy = Buffer.from(`${text}\n`);
    return encoder.encode(copy, 0, copy.length).csv.toString('utf8');
  };

  test('fractions are padded to microseconds; IST is +05:30 across day, month, year and leap-day ends', () => {
    expect(encode('2026-03-02 04:00:00.5+00')).toBe('2026-03-02 09:30:00.500000,2026-03-02T04:00:00.500000Z\r\n');
    expect(encode('2026-03-02 18:29:59.999999+00')).toBe('2026-03-02 23:59:59.999999,2026-03-02T18:29:59.999999Z\r\n');
    expect(encode('2026-03-02 18:30:00+00')).toBe('2026-03-03 00:00:00.000000,2026-03-02T18:30:00.000000Z\r\n');
    expect(encode('2026-04-30 20:00:00+00')).toBe('2026-05-01 01:30:00.000000,2026-04-30T20:00:00.000000Z\r\n');
    expect(encode('2025-12-31 19:00:00.000001+00')).toBe('2026-01-01 00:30:00.000001,2025-12-31T19:00:00.000001Z\r\n');
    expect(encode('2028-02-28 20:00:00+00')).toBe('2028-02-29 01:30:00.000000,2028-02-28T20:00:00.000000Z\r\n');
    expect(encode('2100-02-28 20:00:00+00')).toBe('2100-03-01 01:30:00.000000,2100-02-28T20:00:00.000000Z\r\n');
  });

  test('agrees with Date for 5,000 random instants', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 5000; i += 1) {
      const ms = Math.floor(rand() * 4102444800000);
      const micros = Math.floor(rand() * 1000);
      const iso = new Date(ms).toISOString();
      const fraction = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`;
      const pg = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${/^0+$/.test(fraction) ? '' : `.${fraction.replace(/0+$/, '')}`}+00`;
      const ist = new Date(ms + 330 * 60_000).toISOString();
      expect(encode(pg)).toBe(`${ist.slice(0, 10)} ${ist.slice(11, 19)}.${fraction},${iso.slice(0, 19)}.${fraction}Z\r\n`);
    }
  });

  test('anything else is written as text (neutralised if need be)', () => {
    expect(encode('infinity')).toBe('infinity,infinity\r\n');
    expect(encode('-infinity')).toBe("'-infinity,'-infinity\r\n");
    expect(encode('2026-03-02 04:00:00+05:30')).toBe('2026-03-02 04:00:00+05:30,2026-03-02 04:00:00+05:30\r\n');
  });
});

describe('lookup columns', () => {
  const cells = Buffer.from('RELIANCE,BUY,"a,b"TCS,SELL,');
  const lookup = { index: new Map([['k1', 0], ['k2', 1]]), bounds: Int32Array.from([0, 18, 18, 27]), cells, missing: Buffer.from(',,') };
  const encoder = new CopyCsvEncoder([{ field: 0, kind: 'number' }, { field: 1, kind: 'lookup' }, { field: 2, kind: 'text' }], lookup);
  const run = (copy: string) => encoder.encode(Buffer.from(copy), 0, Buffer.byteLength(copy)).csv.toString();

  test('writes the cells of the key, repeated or not, and the empty cells for NULL or an unknown key', () => {
    expect(run('1\tk1\tx\n2\tk1\ty\n3\tk2\tz\n4\tk1\tw\n')).toBe('1,RELIANCE,BUY,"a,b",x\r\n2,RELIANCE,BUY,"a,b",y\r\n3,TCS,SELL,,z\r\n4,RELIANCE,BUY,"a,b",w\r\n');
    expect(run('5\t\\N\tx\n6\tk3\ty\n7\tk2\tz\n')).toBe('5,,,,x\r\n6,,,,y\r\n7,TCS,SELL,,z\r\n');
  });

  test('needs its cells', () => {
    expect(() => new CopyCsvEncoder([{ field: 0, kind: 'lookup' }])).toThrow(/lookup/);
  });
});
