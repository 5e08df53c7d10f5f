/**
 * OpenAPIScripMaster.json rows as the facts sheet quotes them (§A4: the docs sample
 * and the two rows of the admin's forum post on scaling), read whole and streamed in
 * chunks cut at every position.
 */
import { describe, expect, it } from 'vitest';
import { JsonArraySplitter } from './json-array-stream';
import { createAngelScripMasterParser, parseAngelScripMaster } from './scrip-master';

const RELIANCE = { token: '2885', symbol: 'RELIANCE-EQ', name: 'RELIANCE', expiry: '', strike: '-1.000000', lotsize: '1', instrumenttype: '', exch_seg: 'nse_cm', tick_size: '5.000000' };
const ASIANPAINT_CE = { token: '38479', symbol: 'ASIANPAINT25FEB213060CE', name: 'ASIANPAINT', expiry: '25FEB2021', strike: '306000.000000', lotsize: '300', instrumenttype: 'OPTSTK', exch_seg: 'NFO', tick_size: '5.000000' };
const USDINR_CE = { token: '14182', symbol: 'USDINR21DEC75.25CE', name: 'USDINR', expiry: '29DEC2021', strike: '752500000.000000', lotsize: '1', instrumenttype: 'OPTCUR', exch_seg: 'CDS', tick_size: '25000.000000' };
const NIFTY_INDEX = { token: '99926000', symbol: 'Nifty 50', name: 'NIFTY', expiry: '', strike: '0.000000', lotsize: '1', instrumenttype: 'AMXIDX', exch_seg: 'NSE', tick_size: '0.000000' };
const NIFTY_FUT = { token: '35001', symbol: 'NIFTY28MAR24FUT', name: 'NIFTY', expiry: '28MAR2024', strike: '-1.000000', lotsize: '50', instrumenttype: 'FUTIDX', exch_seg: 'NFO', tick_size: '5.000000' };

const FILE = JSON.stringify([RELIANCE, ASIANPAINT_CE, USDINR_CE, NIFTY_INDEX, NIFTY_FUT]);

describe('Angel One scrip master', () => {
  it('maps the documented rows: strike and tick ×100, exch_seg in both spellings, DDMMMYYYY expiry', () => {
    const { instruments, summary } = parseAngelScripMaster(FILE);
    expect(summary).toMatchObject({ rows: 5, instruments: 4, badRows: 0, unsupportedRows: 1, headerError: null });
    expect(instruments).toEqual([
      { token: 2885 * 256 + 1, exchangeToken: 2885, tradingsymbol: 'RELIANCE-EQ', name: 'RELIANCE', exchange: 'NSE', segment: 'nse_cm', instrumentType: 'EQ', expiry: null, strike: null, lotSize: 1, tickSize: 5, freezeQty: null },
      { token: 38_479 * 256 + 2, exchangeToken: 38_479, tradingsymbol: 'ASIANPAINT25FEB213060CE', name: 'ASIANPAINT', exchange: 'NFO', segment: 'nse_fo', instrumentType: 'CE', expiry: '2021-02-25', strike: 306_000, lotSize: 300, tickSize: 5, freezeQty: null },
      { token: 99_926_000 * 256 + 1, exchangeToken: 99_926_000, tradingsymbol: 'Nifty 50', name: 'NIFTY', exchange: 'NSE', segment: 'nse_cm', instrumentType: 'INDEX', expiry: null, strike: null, lotSize: 1, tickSize: 1, freezeQty: null },
      { token: 35_001 * 256 + 2, exchangeToken: 35_001, tradingsymbol: 'NIFTY28MAR24FUT', name: 'NIFTY', exchange: 'NFO', segment: 'nse_fo', instrumentType: 'FUT', expiry: '2024-03-28', strike: null, lotSize: 50, tickSize: 5, freezeQty: null },
    ]);
    // USDINR's ₹0.0025 tick (25000 / 10^7) is finer than a paisa; its ₹75.25 strike alone would fit.
    expect(summary.problems).toEqual([{ line: 3, kind: 'unsupported', reason: 'tick size 25000.000000 is below a paisa' }]);
  });

  it('gives the same instruments however the download is cut into chunks', () => {
    const whole = parseAngelScripMaster(FILE).instruments;
    for (let cut = 1; cut < FILE.length; cut += 7) {
      const parser = createAngelScripMasterParser();
      const got = [...parser.push(FILE.slice(0, cut)), ...parser.push(FILE.slice(cut)), ...parser.end()];
      expect(got).toEqual(whole);
    }
    const parser = createAngelScripMasterParser();
    const oneByOne = [...FILE].flatMap((ch) => parser.push(ch));
    expect([...oneByOne, ...parser.end()]).toEqual(whole);
  });

  it('skips bad rows with their position and keeps the rest', () => {
    const rows = [
      { ...NIFTY_FUT, expiry: '' },
      { ...NIFTY_FUT, lotsize: '0' },
      { ...ASIANPAINT_CE, symbol: 'ASIANPAINT25FEB213060XX' },
      { ...RELIANCE, exch_seg: 'NCDEX' },
      { ...RELIANCE, token: 'abc' },
      { ...RELIANCE, tick_size: '0.5' },
      { token: '1' },
      RELIANCE,
    ];
    const { instruments, summary } = parseAngelScripMaster(JSON.stringify(rows));
    expect(instruments).toHaveLength(1);
    expect(summary).toMatchObject({ rows: 8, badRows: 3, unsupportedRows: 4 });
    expect(summary.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('reports a file that is not an array, or cut off, as the file\'s error', () => {
    expect(parseAngelScripMaster('<html>maintenance</html>').summary.headerError).toBe('the file is not a JSON array');
    const cut = parseAngelScripMaster(FILE.slice(0, FILE.length - 40));
    expect(cut.summary.headerError).toBe('the array was never closed');
    expect(cut.instruments).toHaveLength(3);
    expect(parseAngelScripMaster('').summary.headerError).toBe('the file is empty');
  });
});

describe('JSON array splitter', () => {
  it('splits elements across chunks, honouring strings with brackets, commas and escaped quotes', () => {
    const splitter = new JsonArraySplitter();
    const text = '[ {"a":"x,]}\\"{"}, [1,[2]] ,"s,t", 7 ,{"b":{"c":[]}}]  ';
    const out = [...splitter.push(text.slice(0, 9)), ...splitter.push(text.slice(9)), ...splitter.end()];
    expect(out).toEqual([
      { index: 0, ok: true, value: { a: 'x,]}"{' } },
      { index: 1, ok: true, value: [1, [2]] },
      { index: 2, ok: true, value: 's,t' },
      { index: 3, ok: true, value: 7 },
      { index: 4, ok: true, value: { b: { c: [] } } },
    ]);
    expect(splitter.error).toBeNull();
  });

  it('reports a broken element and carries on, skips an oversized one, and flags text after the array', () => {
    const splitter = new JsonArraySplitter({ maxElementChars: 20 });
    const out = [...splitter.push('[{"a":tru},{"b":"' + 'x'.repeat(40) + '"},{"c":1}] junk'), ...splitter.end()];
    expect(out).toEqual([
      { index: 0, ok: false, reason: 'not valid JSON' },
      { index: 1, ok: false, reason: 'element longer than 20 characters' },
      { index: 2, ok: true, value: { c: 1 } },
    ]);
    expect(splitter.error).toBe('text after the end of the array');
  });
});
