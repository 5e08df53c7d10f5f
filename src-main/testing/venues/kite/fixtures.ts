/**
 * Realistic packets for the ticker tests, the fuzzer and the tests that drive the Kite
 * venue. Tokens follow Kite's rule token = exchange_token × 256 + segment.
 */
import type { FullPacket, IndexFullPacket, IndexQuotePacket, LtpPacket, QuotePacket } from '../../../brokers/kite/ticker-packets';

export const INFY_TOKEN = 408_065; // 1594 × 256 + 1 (NSE)
export const NIFTY_FUT_TOKEN = 13_238_786; // 51714 × 256 + 2 (NFO)
export const NIFTY_INDEX_TOKEN = 256_265; // 1001 × 256 + 9 (indices)
export const USDINR_CDS_TOKEN = 1_234 * 256 + 3;
export const USDINR_BCD_TOKEN = 1_234 * 256 + 6;

/** 2026-01-20 09:30:00 IST in epoch seconds. */
export const T0 = 1_768_881_600;

export const LTP_INFY: LtpPacket = { mode: 'ltp', token: INFY_TOKEN, segment: 1, ltp: 154_275 };

export const QUOTE_INFY: QuotePacket = {
  mode: 'quote',
  token: INFY_TOKEN,
  segment: 1,
  ltp: 154_275,
  lastQuantity: 12,
  averagePrice: 153_910,
  volume: 2_345_678,
  totalBuyQuantity: 120_345,
  totalSellQuantity: 98_765,
  open: 153_000,
  high: 155_000,
  low: 152_850,
  close: 152_640,
};

export const FULL_NIFTY_FUT: FullPacket = {
  mode: 'full',
  token: NIFTY_FUT_TOKEN,
  segment: 2,
  ltp: 2_412_350,
  lastQuantity: 65,
  averagePrice: 2_409_870,
  volume: 4_567_890,
  totalBuyQuantity: 1_200_000,
  totalSellQuantity: 1_150_000,
  open: 2_400_000,
  high: 2_415_000,
  low: 2_398_500,
  close: 2_401_010,
  lastTradeTime: T0 - 1,
  oi: 12_345_678,
  oiDayHigh: 12_400_000,
  oiDayLow: 12_000_000,
  exchangeTimestamp: T0,
  depth: {
    buy: [0, 1, 2, 3, 4].map((i) => ({ quantity: 650 + i * 65, price: 2_412_300 - i * 10, orders: 3 + i })),
    sell: [0, 1, 2, 3, 4].map((i) => ({ quantity: 325 + i * 65, price: 2_412_400 + i * 10, orders: 2 + i })),
  },
};

export const INDEX_QUOTE_NIFTY: IndexQuotePacket = {
  mode: 'index-quote',
  token: NIFTY_INDEX_TOKEN,
  segment: 9,
  ltp: 2_398_765,
  high: 2_405_000,
  low: 2_390_010,
  open: 2_400_000,
  close: 2_401_234,
  change: -2_469,
};

export const INDEX_FULL_NIFTY: IndexFullPacket = { ...INDEX_QUOTE_NIFTY, mode: 'index-full', exchangeTimestamp: T0 };
