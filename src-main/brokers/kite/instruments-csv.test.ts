import { describe, expect, it } from 'vitest';
import { instrumentSchema } from '../../../src-shared/domain/instrument';
import { createKiteInstrumentsParser, parseKiteInstrumentsCsv } from './instruments-csv';

const HEADER = 'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange';

/** Rows shaped like Kite's dump (values realistic, not copied from a real file). */
const SAMPLE = [
  HEADER,
  '408065,1594,INFY,"INFOSYS",0,,0,0.05,1,EQ,NSE,NSE',
  '738561,2885,RELIANCE,"RELIANCE INDUSTRIES, LTD",1234.5,,,0.1,1,EQ,NSE,NSE',
  '13238786,51714,NIFTY26JANFUT,"NIFTY",0,2026-01-27,0,0.1,65,FUT,NFO-FUT,NFO',
  '13240322,51720,NIFTY2612724000CE,"NIFTY",0,2026-01-27,24000,0.05,65,CE,NFO-OPT,NFO',
  '13240578,51721,NIFTY2612724050PE,"NIFTY",0,2026-01-27,24050.0,0.05,65,PE,NFO-OPT,NFO',
  '256265,1001,NIFTY 50,"NIFTY 50",0,,0,0,0,EQ,INDICES,NSE',
  '315907,1234,USDINR26JANFUT,"USDINR",0,2026-01-28,0,0.0025,1,FUT,CDS-FUT,CDS',
  '',
].join('\r\n');

describe('Kite instruments CSV', () => {
  it('maps equity, futures, options and an index, and skips the currency row with its reason', () => {
    const { instruments, summary } = parseKiteInstrumentsCsv(SAMPLE);
    expect(instruments.map((i) => i.tradingsymbol)).toEqual([
      'INFY', 'RELIANCE', 'NIFTY26JANFUT', 'NIFTY2612724000CE', 'NIFTY2612724050PE', 'NIFTY 50',
    ]);
    expect(instruments[0]).toEqual({
      token: 408_065, exchangeToken: 1594, tradingsymbol: 'INFY', name: 'INFOSYS', exchange: 'NSE', segment: 'NSE',
      instrumentType: 'EQ', expiry: null, strike: null, lotSize: 1, tickSize: 5, freezeQty: null,
    });
    expect(instruments[1]?.name).toBe('RELIANCE INDUSTRIES, LTD');
    expect(instruments[2]).toMatchObject({ instrumentType: 'FUT', expiry: '2026-01-27', strike: null, lotSize: 65, tickSize: 10 });
    expect(instruments[3]).toMatchObject({ instrumentType: 'CE', strike: 2_400_000, tickSize: 5, segment: 'NFO-OPT' });
    expect(instruments[4]).toMatchObject({ instrumentType: 'PE', strike: 2_405_000 });
    expect(instruments[5]).toMatchObject({ instrumentType: 'INDEX', segment: 'INDICES', tickSize: 1, lotSize: 1 });
    // No freeze quantity in Kite's dump: left null, never guessed.
    expect(instruments.every((i) => i.freezeQty === null)).toBe(true);
    for (const instrument of instruments) expect(instrumentSchema.safeParse(instrument).success).toBe(true);
    expect(summary).toEqual({
      rows: 7, instruments: 6, badRows: 0, unsupportedRows: 1, headerError: null,
      problems: [{ line: 8, kind: 'unsupported', reason: 'tick size ₹0.0025 is below a paisa' }],
    });
  });

  it('counts bad rows with their line numbers and keeps going', () => {
    const text = [
      HEADER,
      '408065,1594,INFY,"INFOSYS",0,,0,0.05,1,EQ,NSE,NSE',
      'abc,1594,BAD,"X",0,,0,0.05,1,EQ,NSE,NSE', // token not a number
      '408066,1594,SHORT,"X",0,,0', // too few fields
      '13238786,51714,NOEXPIRYFUT,"NIFTY",0,,0,0.1,65,FUT,NFO-FUT,NFO', // future without expiry
      '13238787,51714,ZEROLOT,"NIFTY",0,2026-01-27,0,0.1,0,FUT,NFO-FUT,NFO', // lot 0
      '408067,1,QUOTE"D,"X",0,,0,0.05,1,EQ,NSE,NSE', // stray quote
      '408068,2,GOLD26FEBFUT,"GOLD",0,2026-02-05,0,1,1,FUT,MCX-FUT,NCO', // exchange we do not trade
      '408069,3,GOOD,"GOOD",0,,0,0.01,1,EQ,BSE,BSE',
    ].join('\n');
    const { instruments, summary } = parseKiteInstrumentsCsv(text);
    expect(instruments.map((i) => i.tradingsymbol)).toEqual(['INFY', 'GOOD']);
    expect(summary.rows).toBe(8);
    expect(summary.badRows).toBe(5);
    expect(summary.unsupportedRows).toBe(1);
    expect(summary.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'bad-row'], [4, 'bad-row'], [5, 'bad-row'], [6, 'bad-row'], [7, 'bad-row'], [8, 'unsupported'],
    ]);
    expect(summary.problems[0]?.reason).toContain('instrument_token');
    expect(summary.problems[1]?.reason).toBe('7 fields, header has 12');
    expect(summary.problems[2]?.reason).toBe('FUT without an expiry');
  });

  it('finds columns by name, whatever their order', () => {
    const text = 'exchange,segment,instrument_type,lot_size,tick_size,strike,expiry,last_price,name,tradingsymbol,exchange_token,instrument_token\n' +
      'NFO,NFO-OPT,CE,30,0.05,52000,2026-01-27,0,BANKNIFTY,BANKNIFTY26JAN52000CE,40001,10240258\n';
    const { instruments } = parseKiteInstrumentsCsv(text);
    expect(instruments[0]).toMatchObject({ token: 10_240_258, strike: 5_200_000, lotSize: 30, name: 'BANKNIFTY' });
  });

  it('stops at a header without the required columns, and says which are missing', () => {
    const { instruments, summary } = parseKiteInstrumentsCsv('token,symbol\n1,INFY\n');
    expect(instruments).toEqual([]);
    expect(summary.headerError).toContain('missing columns instrument_token, exchange_token');
    expect(parseKiteInstrumentsCsv('').summary.headerError).toBe('the file is empty: no header');
  });

  it('streams: chunks split anywhere give the same instruments as the whole file', () => {
    const whole = parseKiteInstrumentsCsv(SAMPLE).instruments;
    for (const size of [1, 7, 64]) {
      const parser = createKiteInstrumentsParser();
      const streamed = [];
      for (let at = 0; at < SAMPLE.length; at += size) streamed.push(...parser.push(SAMPLE.slice(at, at + size)));
      streamed.push(...parser.end());
      expect(streamed).toEqual(whole);
      expect(parser.summary().instruments).toBe(6);
    }
  });
});
