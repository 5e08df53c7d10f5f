import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../util/prng';
import { CsvReader, readCsv } from './csv-reader';
import { parseIntegerText, parseScaledDecimal, rupeeTextToPaise } from './decimal';

const fieldsOf = (text: string) => readCsv(text).map((r) => r.fields);

describe('CSV reader', () => {
  it('reads plain records with LF, CRLF and a missing final line break', () => {
    expect(fieldsOf('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(fieldsOf('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fieldsOf('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fieldsOf('a,,\n')).toEqual([['a', '', '']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const records = readCsv('name,x\n"TATA MOTORS, LTD",1\n"say ""hi""",2\n"two\nlines",3\n4,5\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['name', 'x'],
      ['TATA MOTORS, LTD', '1'],
      ['say "hi"', '2'],
      ['two\nlines', '3'],
      ['4', '5'],
    ]);
    // The record after a two-line field starts on physical line 6.
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
    expect(records.every((r) => r.malformed === null)).toBe(true);
  });

  it('skips blank lines but counts them, and strips a byte-order mark', () => {
    const records = readCsv('\uFEFFa,b\n\n1,2\n\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([[1, ['a', 'b']], [3, ['1', '2']]]);
  });

  it('flags records that break the quoting rules instead of failing the file', () => {
    const records = readCsv('a,b"c\n"x"y,1\nok,2\n"open,3\n');
    expect(records[0]).toEqual({ fields: ['a', 'b"c'], line: 1, malformed: 'quote inside an unquoted field' });
    expect(records[1]).toEqual({ fields: ['xy', '1'], line: 2, malformed: 'text after a closing quote' });
    expect(records[2]).toEqual({ fields: ['ok', '2'], line: 3, malformed: null });
    expect(records[3]?.malformed).toBe('quote never closed');
  });

  it('gives the same records however the text is split into chunks (CR|LF split included)', () => {
    const text = 'h1,h2\r\n"a,1","b\r\nc"\r\nplain,"q""q"\r\nlast,row';
    const whole = readCsv(text);
    const random = mulberry32(42);
    for (let trial = 0; trial < 200; trial++) {
      const reader = new CsvReader();
      const records = [];
      let at = 0;
      while (at < text.length) {
        const size = 1 + Math.floor(random() * 5);
        records.push(...reader.push(text.slice(at, at + size)));
        at += size;
      }
      records.push(...reader.end());
      expect(records.map((r) => r.fields)).toEqual(whole.map((r) => r.fields));
      expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    }
    const split = new CsvReader();
    expect([...split.push('a,b\r'), ...split.push('\n1,2\r'), ...split.push('\n'), ...split.end()].map((r) => r.line)).toEqual([1, 2]);
  });
});

describe('exact decimal text', () => {
  it('scales exactly and refuses what would need rounding', () => {
    expect(rupeeTextToPaise('0.05')).toBe(5);
    expect(rupeeTextToPaise('22350.0')).toBe(2_235_000);
    expect(rupeeTextToPaise('0.0500')).toBe(5);
    expect(rupeeTextToPaise('.5')).toBe(50);
    expect(rupeeTextToPaise('-1')).toBe(-100);
    expect(rupeeTextToPaise('0.0025')).toBeNull();
    expect(rupeeTextToPaise('1e5')).toBeNull();
    expect(rupeeTextToPaise('')).toBeNull();
    expect(rupeeTextToPaise('12,5')).toBeNull();
    expect(parseScaledDecimal('5.000000', 0)).toBe(5);
    expect(parseScaledDecimal('0.25', 0)).toBeNull();
    expect(parseIntegerText('65')).toBe(65);
    expect(parseIntegerText('99999999999999999999')).toBeNull();
  });
});
