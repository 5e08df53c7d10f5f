/**
 * Security master text as the facts sheet quotes it (§B4): the header with a space
 * after each comma and quoted names, quoted data fields, bare numbers, the RELIND row,
 * the NIFTY 50 index row (token is its name), and the CNXBAN option row.
 */
import { describe, expect, it } from 'vitest';
import { createBreezeMasterParser, parseBreezeMaster } from './security-master';

const NSE_HEADER = '"Token", "ShortName", "Series", "CompanyName", "ticksize", "Lotsize", "DateOfListing", "DateOfDeListing", "IssuePrice", "FaceValue", "ISINCode", "52WeeksHigh", "52WeeksLow", "LifeTimeHigh", "LifeTimeLow", "HighDate", "LowDate", "Symbol", "InstrumentType", "ExchangeCode"';
const RELIND = '"2885","RELIND","EQ","RELIANCE INDUSTRIES",0.05,1,"29-Nov-1995","","0","10","INE002A01018","1608.8","1114.85","1608.8","0.1","08-Jul-2024","01-Jan-1990","RELIANCE","EQUITY","RELIANCE"';
const NIFTY = '"NIFTY 50","NIFTY","0","NIFTY 50",0.05,1,"","","0","0","","0","0","0","0","","","NIFTY","INDEX","NIFTY 50"';
const BE = '"11536","TATSTE","BE","TATA STEEL",0.01,1,"","","0","1","INE081A01020","0","0","0","0","","","TATASTEEL","EQUITY","TATASTEEL"';

const FNO_HEADER = ['Token', 'InstrumentName', 'ShortName', 'Series', 'ExpiryDate', 'StrikePrice', 'OptionType', ...Array.from({ length: 20 }, (_, i) => `Col${i + 7}`), 'LotSize', 'TickSize', 'CompanyName', 'ExchangeCode']
  .map((n) => `"${n}"`)
  .join(', ');
const fnoRow = (token: string, inst: string, series: string, expiry: string, strike: string, right: string) =>
  [`"${token}"`, `"${inst}"`, '"CNXBAN"', `"${series}"`, `"${expiry}"`, `"${strike}"`, `"${right}"`, ...Array.from({ length: 20 }, () => '""'), '30', '5', '"NIFTY BANK"', '"NIFTY BANK"'].join(',');

describe('Breeze security master', () => {
  it('reads a cash file: header with spaces and quotes, quoted fields, bare numbers; an index token is refused', () => {
    const { scrips, summary } = parseBreezeMaster('NSE', [NSE_HEADER, RELIND, NIFTY, BE].join('\r\n'));
    expect(summary).toMatchObject({ rows: 3, instruments: 2, unsupportedRows: 1, headerError: null });
    expect(scrips[0]).toEqual({
      instrument: { token: 2885 * 256 + 1, exchangeToken: 2885, tradingsymbol: 'RELIANCE', name: 'RELIANCE INDUSTRIES', exchange: 'NSE', segment: 'NSE', instrumentType: 'EQ', expiry: null, strike: null, lotSize: 1, tickSize: 5, freezeQty: null },
      contract: { stockCode: 'RELIND', exchangeCode: 'NSE', kind: 'cash', expiry: null, right: null, strike: null, tickSize: 5 },
    });
    expect(scrips[1]?.instrument).toMatchObject({ tradingsymbol: 'TATASTEEL-BE', tickSize: 1 });
    expect(summary.problems[0]?.reason).toBe('token "NIFTY 50" is not numeric');
  });

  it('reads an F&O file: futures and options, DD-Mon-YYYY expiry, strike in rupees (§D10), tick in paise', () => {
    const text = [FNO_HEADER, fnoRow('35000', 'OPTIDX', 'OPTION', '29-Sep-2026', '72600', 'CE'), fnoRow('35001', 'FUTIDX', 'FUTURE', '29-Sep-2026', '0', 'XX')].join('\n');
    const { scrips, summary } = parseBreezeMaster('NFO', text);
    expect(summary).toMatchObject({ rows: 2, instruments: 2, headerError: null });
    expect(scrips[0]).toEqual({
      instrument: { token: 35_000 * 256 + 2, exchangeToken: 35_000, tradingsymbol: 'CNXBAN29SEP2672600CE', name: 'NIFTY BANK', exchange: 'NFO', segment: 'NFO-OPT', instrumentType: 'CE', expiry: '2026-09-29', strike: 7_260_000, lotSize: 30, tickSize: 5, freezeQty: null },
      contract: { stockCode: 'CNXBAN', exchangeCode: 'NFO', kind: 'options', expiry: '2026-09-29', right: 'call', strike: 7_260_000, tickSize: 5 },
    });
    expect(scrips[1]?.instrument).toMatchObject({ tradingsymbol: 'CNXBAN29SEP26FUT', instrumentType: 'FUT', strike: null });
    expect(parseBreezeMaster('NFO', text, { strikeUnit: 'paise' }).scrips[0]?.instrument.strike).toBe(72_600);
  });

  it('streams the same result in chunks, and fails a file without the needed columns', () => {
    const text = [NSE_HEADER, RELIND, BE].join('\n');
    const whole = parseBreezeMaster('NSE', text).scrips;
    for (let cut = 1; cut < text.length; cut += 11) {
      const parser = createBreezeMasterParser('NSE');
      expect([...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut)), ...parser.end()]).toEqual(whole);
    }
    expect(parseBreezeMaster('NFO', [NSE_HEADER, RELIND].join('\n')).summary.headerError).toBe('line 1: missing columns expirydate, strikeprice, optiontype');
    expect(parseBreezeMaster('NSE', '').summary.headerError).toBe('the file is empty: no header');
  });

  it('skips bad rows with their line', () => {
    const bad = [FNO_HEADER, fnoRow('1', 'OPTIDX', 'OPTION', '31-Feb-2026', '72600', 'CE'), fnoRow('2', 'OPTIDX', 'OPTION', '29-Sep-2026', '72600.005', 'CE'), fnoRow('3', 'OPTIDX', 'OPTION', '29-Sep-2026', '72600', 'XX'), '"4","short"'].join('\n');
    const { summary } = parseBreezeMaster('NFO', bad);
    expect(summary).toMatchObject({ rows: 4, instruments: 0, badRows: 3, unsupportedRows: 1 });
    expect(summary.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
  });
});
