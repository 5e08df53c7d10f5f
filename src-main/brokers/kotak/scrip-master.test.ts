import { describe, expect, it } from 'vitest';
import { instrumentSchema } from '../../../src-shared/domain/instrument';
import { createKotakScripMasterParser, parseKotakScripMaster } from './scrip-master';
import { kotakInstrumentToken } from './segments';

/** Unix seconds of an IST wall-clock time, computed independently of the parser. */
const istUnix = (y: number, m: number, d: number, hh: number, mm: number) => Date.UTC(y, m - 1, d, hh, mm) / 1000 - 330 * 60;
/** NSE files count from 1980-01-01 00:00 IST. */
const nseSeconds = (unix: number) => unix - (Date.UTC(1980, 0, 1) / 1000 - 330 * 60);

const NIFTY_EXPIRY = istUnix(2026, 1, 27, 14, 30);
const SENSEX_EXPIRY = istUnix(2026, 1, 29, 14, 30);

// The header as Kotak publishes it: a stray space in "dTickSize " and the ';' in "dStrikePrice;".
const HEADER = 'pSymbol,pGroup,pExchSeg,pInstType,pSymbolName,pTrdSymbol,pOptionType,pISIN,pDesc,lLotSize,lExpiryDate,lFreezeQty,dTickSize ,dStrikePrice;,dHighPriceRange,dLowPriceRange';

const row = (cells: (string | number)[]) => cells.join(',');

const SAMPLE = [
  HEADER,
  row([51714, '', 'nse_fo', 'FUTIDX', 'NIFTY', 'NIFTY26JANFUT', 'XX', '', 'NIFTY 27JAN26 FUT', 65, nseSeconds(NIFTY_EXPIRY), 1800, '10.000000', '-1.000000', 2_650_000, 2_180_000]),
  row([51720, '', 'nse_fo', 'OPTIDX', 'NIFTY', 'NIFTY2612724000CE', 'CE', '', 'NIFTY 27JAN26 24000 CE', 65, nseSeconds(NIFTY_EXPIRY), 1800, '5.000000', '2400000.000000', 40_000, 5]),
  row([2885, 'EQ', 'nse_cm', '', 'RELIANCE', 'RELIANCE-EQ', '', 'INE002A01018', '"RELIANCE INDUSTRIES, LTD"', 1, 0, 0, '10.000000', '0', 140_000, 120_000]),
  row([26000, '', 'nse_cm', '', 'NIFTY 50', 'NIFTY 50', '', '', 'Nifty 50', 0, 0, 0, '0', '0', 0, 0]),
  row([825001, '', 'bse_fo', 'OPTIDX', 'SENSEX', 'SENSEX2612980000PE', 'PE', '', 'SENSEX 80000 PE', 20, SENSEX_EXPIRY, 1000, '5.000000', '8000000', 50_000, 5]),
  row([1234, '', 'cde_fo', 'FUTCUR', 'USDINR', 'USDINR26JANFUT', 'XX', '', 'USDINR FUT', 1, nseSeconds(NIFTY_EXPIRY), 10_001, '0.250000', '0', 9000, 8000]),
  '',
].join('\n');

describe('Kotak scrip master', () => {
  it('maps futures, options, equity and an index with the freeze quantity, and skips currency', () => {
    const { instruments, summary } = parseKotakScripMaster(SAMPLE);
    expect(instruments.map((i) => i.tradingsymbol)).toEqual(['NIFTY26JANFUT', 'NIFTY2612724000CE', 'RELIANCE-EQ', 'NIFTY 50', 'SENSEX2612980000PE']);
    expect(instruments[0]).toEqual({
      token: 51714 * 256 + 2, exchangeToken: 51714, tradingsymbol: 'NIFTY26JANFUT', name: 'NIFTY', exchange: 'NFO',
      segment: 'nse_fo', instrumentType: 'FUT', expiry: '2026-01-27', strike: null, lotSize: 65, tickSize: 10, freezeQty: 1800,
    });
    expect(instruments[1]).toMatchObject({ instrumentType: 'CE', strike: 2_400_000, tickSize: 5, freezeQty: 1800, expiry: '2026-01-27' });
    expect(instruments[2]).toMatchObject({ exchange: 'NSE', instrumentType: 'EQ', expiry: null, strike: null, tickSize: 10, lotSize: 1, freezeQty: null });
    expect(instruments[3]).toMatchObject({ instrumentType: 'INDEX', tickSize: 1, lotSize: 1 });
    // BSE F&O counts expiry in Unix seconds, not from 1980.
    expect(instruments[4]).toMatchObject({ exchange: 'BFO', instrumentType: 'PE', expiry: '2026-01-29', strike: 8_000_000, freezeQty: 1000 });
    for (const instrument of instruments) expect(instrumentSchema.safeParse(instrument).success).toBe(true);
    expect(summary).toMatchObject({ rows: 6, instruments: 5, badRows: 0, unsupportedRows: 1, headerError: null });
    expect(summary.problems).toEqual([{ line: 7, kind: 'unsupported', reason: 'tick size 0.250000 paise is below a paisa' }]);
  });

  it('gives the same token as Kite for the same contract', () => {
    expect(kotakInstrumentToken('nse_fo', 51714)).toBe(13_238_786); // Kite's NIFTY26JANFUT
    expect(kotakInstrumentToken('nse_cm', 2885)).toBe(738_561); // Kite's RELIANCE
  });

  it('counts bad and unsupported rows with their lines and keeps going', () => {
    const text = [
      HEADER,
      row([1, '', 'nse_fo', 'FUTSTK', 'X', 'BADLOT', 'XX', '', 'x', 'abc', nseSeconds(NIFTY_EXPIRY), 0, '5', '0', 0, 0]),
      row([2, '', 'nse_fo', 'OPTSTK', 'X', 'NOSTRIKE', 'CE', '', 'x', 100, nseSeconds(NIFTY_EXPIRY), 0, '5', '0', 0, 0]),
      row([3, '', 'nse_fo', 'FUTSTK', 'X', 'NOEXPIRY', 'XX', '', 'x', 100, 0, 0, '5', '0', 0, 0]),
      row([4, '', 'nse_com', 'FUTCOM', 'X', 'OTHERSEG', 'XX', '', 'x', 1, nseSeconds(NIFTY_EXPIRY), 0, '5', '0', 0, 0]),
      row(['Nifty Bank', '', 'nse_cm', '', 'Nifty Bank', 'Nifty Bank', '', '', 'x', 0, 0, 0, '0', '0', 0, 0]),
      '5,,nse_fo,FUTSTK,X,SHORT',
      row([6, 'EQ', 'nse_cm', '', 'GOOD', 'GOOD-EQ', '', 'INE000000001', 'Good Ltd', 1, 0, 0, '5', '0', 0, 0]),
    ].join('\n');
    const { instruments, summary } = parseKotakScripMaster(text);
    expect(instruments.map((i) => i.tradingsymbol)).toEqual(['GOOD-EQ']);
    expect(summary.problems.map((p) => [p.line, p.kind])).toEqual([
      [2, 'bad-row'], [3, 'bad-row'], [4, 'bad-row'], [5, 'unsupported'], [6, 'unsupported'], [7, 'bad-row'],
    ]);
    expect(summary.problems[0]?.reason).toContain('lLotSize');
    expect(summary.problems[1]?.reason).toBe('option without a strike');
    expect(summary.problems[5]?.reason).toBe('6 fields, header has 16');
  });

  it('refuses expiries a misread epoch would produce, when told today', () => {
    // A Unix timestamp in an NSE file lands ten years late.
    const misread = [HEADER, row([51714, '', 'nse_fo', 'FUTIDX', 'NIFTY', 'NIFTY26JANFUT', 'XX', '', 'x', 65, NIFTY_EXPIRY, 1800, '10', '0', 0, 0])].join('\n');
    expect(parseKotakScripMaster(misread).instruments[0]?.expiry).toBe('2036-01-27');
    const checked = parseKotakScripMaster(misread, { today: '2026-01-20' });
    expect(checked.instruments).toEqual([]);
    expect(checked.summary.problems[0]?.reason).toContain('implausible');
    expect(parseKotakScripMaster(SAMPLE, { today: '2026-01-20' }).instruments).toHaveLength(5);
  });

  it('needs the documented columns, found under their untidy names', () => {
    const { summary } = parseKotakScripMaster('pSymbol,pTrdSymbol,pExchSeg\n1,X,nse_cm\n');
    expect(summary.headerError).toBe('line 1: missing columns dTickSize, lLotSize, lExpiryDate, dStrikePrice, lFreezeQty');
  });

  it('streams in chunks with the same result', () => {
    const whole = parseKotakScripMaster(SAMPLE).instruments;
    const parser = createKotakScripMasterParser();
    const streamed = [];
    for (let at = 0; at < SAMPLE.length; at += 13) streamed.push(...parser.push(SAMPLE.slice(at, at + 13)));
    streamed.push(...parser.end());
    expect(streamed).toEqual(whole);
  });
});
