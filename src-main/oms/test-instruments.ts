import type { Instrument } from '../../src-shared/domain/instrument';

/** Instruments for the OMS unit tests, with MARKET-FACTS lot sizes and freeze quantities. */

export const NIFTY_FUT: Instrument = {
  token: 13_238_786, exchangeToken: 51_714, tradingsymbol: 'NIFTY26JANFUT', name: 'NIFTY', exchange: 'NFO',
  segment: 'NFO-FUT', instrumentType: 'FUT', expiry: '2026-01-27', strike: null, lotSize: 65, tickSize: 10,
  freezeQty: 1800,
};

export const NIFTY_CE: Instrument = {
  ...NIFTY_FUT, token: 13_240_322, tradingsymbol: 'NIFTY2612724000CE', segment: 'NFO-OPT', instrumentType: 'CE',
  strike: 2_400_000, tickSize: 5,
};

export const BANKNIFTY_FUT: Instrument = {
  ...NIFTY_FUT, token: 13_238_530, tradingsymbol: 'BANKNIFTY26JANFUT', name: 'BANKNIFTY', lotSize: 30, freezeQty: 600,
};

export const RELIANCE: Instrument = {
  token: 738_561, exchangeToken: 2885, tradingsymbol: 'RELIANCE', name: 'RELIANCE INDUSTRIES', exchange: 'NSE',
  segment: 'NSE', instrumentType: 'EQ', expiry: null, strike: null, lotSize: 1, tickSize: 10, freezeQty: null,
};

export const NIFTY_INDEX: Instrument = {
  token: 256_265, exchangeToken: 1001, tradingsymbol: 'NIFTY 50', name: 'NIFTY 50', exchange: 'NSE',
  segment: 'INDICES', instrumentType: 'INDEX', expiry: null, strike: null, lotSize: 1, tickSize: 5, freezeQty: null,
};
