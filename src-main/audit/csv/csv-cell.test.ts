import { describe, expect, test } from 'vitest';
import { cell, csvLine, headerLine, numberCell, textCell, UTF8_BOM } from './csv-cell';

describe('text cells: formula neutralisation (OWASP)', () => {
  test.each([
    ['=1+2', "'=1+2"],
    ['+91 98765', "'+91 98765"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tlead tab', "'\tlead tab"],
    ['\rcr', "\"'\rcr\""],
    ['\nlf', "\"'\nlf\""],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['=1,2', "\"'=1,2\""],
  ])('%j becomes %j', (input, expected) => {
    expect(textCell(input)).toBe(expected);
  });

  test('a dangerous character later in the value is harmless and left alone', () => {
    expect(textCell('a=b')).toBe('a=b');
    expect(textCell('NIFTY-50')).toBe('NIFTY-50');
    expect(textCell('x@y.z')).toBe('x@y.z');
  });
});

describe('text cells: RFC 4180 quoting', () => {
  test('commas, quotes and line breaks are quoted, quotes doubled', () => {
    expect(textCell('a,b')).toBe('"a,b"');
    expect(textCell('say "hi"')).toBe('"say ""hi"""');
    expect(textCell('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(textCell('line1\nline2')).toBe('"line1\nline2"');
  });

  test('plain text and unicode pass through untouched', () => {
    expect(textCell('RELIANCE')).toBe('RELIANCE');
    expect(textCell('₹ 1,00,000 — नमस्ते 😀')).toBe('"₹ 1,00,000 — नमस्ते 😀"');
    expect(textCell('नमस्ते')).toBe('नमस्ते');
  });

  test('NULL is an empty cell, an empty string is ""', () => {
    expect(textCell(null)).toBe('');
    expect(textCell('')).toBe('""');
  });
});

describe('number cells', () => {
  test('negative and decimal numbers stay plain, unquoted, unprefixed', () => {
    expect(numberCell('-125.50')).toBe('-125.50');
    expect(numberCell('0')).toBe('0');
    expect(numberCell('1234567890123')).toBe('1234567890123');
    expect(numberCell('0.0001')).toBe('0.0001');
    expect(cell('number', '-3')).toBe('-3');
  });

  test('the same value in a text column is neutralised: the column kind decides', () => {
    expect(cell('text', '-125.50')).toBe("'-125.50");
  });

  test('something that is not a plain number is treated as text', () => {
    expect(numberCell('NaN')).toBe('NaN');
    expect(numberCell('-Infinity')).toBe("'-Infinity");
    expect(numberCell('=1+1')).toBe("'=1+1");
    expect(numberCell('1e5')).toBe('1e5');
    expect(numberCell(null)).toBe('');
  });
});

describe('lines', () => {
  test('a row ends with CRLF and mixes kinds by column', () => {
    expect(csvLine(['number', 'text', 'number', 'text'], ['42', '=cmd', '-1.5', null])).toBe("42,'=cmd,-1.5,\r\n");
  });

  test('the header row is plain names and CRLF', () => {
    expect(headerLine(['event_id', 'at_ist'])).toBe('event_id,at_ist\r\n');
  });

  test('the BOM is EF BB BF', () => {
    expect([...UTF8_BOM]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
