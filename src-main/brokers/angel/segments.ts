/**
 * Angel One's exchanges in their three spellings — the order field `exchange`
 * ("NSE"), the scrip master's `exch_seg` (real rows "NSE", the docs sample "nse_cm":
 * both are accepted) and SmartWebSocket V2's numeric `exchangeType` — and how they
 * map to our exchanges and tokens.
 *
 * Angel's `symboltoken` is unique only within an exchange, so our token is
 * symboltoken × 256 + Kite's segment code (1 NSE, 2 NFO, 3 CDS, 4 BSE, 5 BFO, 7 MCX),
 * the composition the Kotak adapter also uses: a contract gets the same token under
 * every broker wherever the exchange tokens agree. NCDEX (ncx_fo, exchangeType 7) is
 * not an exchange the terminal trades.
 *
 * Price scale: SmartWebSocket prices and the master's strike and tick_size are
 * integers of 1/100 rupee, except currency (CDS), where they are 1/10,000,000 rupee.
 */
import type { Exchange } from '../../../src-shared/domain/instrument';

export interface AngelSegment {
  /** The order/REST spelling. */
  exchange: 'NSE' | 'NFO' | 'BSE' | 'BFO' | 'MCX' | 'CDS' | 'NCDEX';
  /** Ours; null where the terminal does not trade it. */
  ours: Exchange | null;
  /** The docs' lower-case segment name and SmartWebSocket V2's exchangeType. */
  segment: 'nse_cm' | 'nse_fo' | 'bse_cm' | 'bse_fo' | 'mcx_fo' | 'cde_fo' | 'ncx_fo';
  wsExchangeType: number;
  kiteCode: number | null;
  cash: boolean;
  /** Raw wire integers per rupee, as a power of ten: 2 (paise), 7 for currency. */
  priceDecimals: 2 | 7;
}

export const ANGEL_SEGMENTS: readonly AngelSegment[] = [
  { exchange: 'NSE', ours: 'NSE', segment: 'nse_cm', wsExchangeType: 1, kiteCode: 1, cash: true, priceDecimals: 2 },
  { exchange: 'NFO', ours: 'NFO', segment: 'nse_fo', wsExchangeType: 2, kiteCode: 2, cash: false, priceDecimals: 2 },
  { exchange: 'BSE', ours: 'BSE', segment: 'bse_cm', wsExchangeType: 3, kiteCode: 4, cash: true, priceDecimals: 2 },
  { exchange: 'BFO', ours: 'BFO', segment: 'bse_fo', wsExchangeType: 4, kiteCode: 5, cash: false, priceDecimals: 2 },
  { exchange: 'MCX', ours: 'MCX', segment: 'mcx_fo', wsExchangeType: 5, kiteCode: 7, cash: false, priceDecimals: 2 },
  { exchange: 'NCDEX', ours: null, segment: 'ncx_fo', wsExchangeType: 7, kiteCode: null, cash: false, priceDecimals: 2 },
  { exchange: 'CDS', ours: 'CDS', segment: 'cde_fo', wsExchangeType: 13, kiteCode: 3, cash: false, priceDecimals: 7 },
];

/** By the master's exch_seg, either spelling ("NFO" or "nse_fo"), any case. */
export function angelSegmentOfMaster(text: string): AngelSegment | null {
  const key = text.trim();
  const upper = key.toUpperCase();
  const lower = key.toLowerCase();
  return ANGEL_SEGMENTS.find((s) => s.exchange === upper || s.segment === lower) ?? null;
}

export function angelSegmentOfWs(exchangeType: number): AngelSegment | null {
  return ANGEL_SEGMENTS.find((s) => s.wsExchangeType === exchangeType) ?? null;
}

export function angelSegmentOfOurs(exchange: Exchange): AngelSegment | null {
  return ANGEL_SEGMENTS.find((s) => s.ours === exchange) ?? null;
}

/** Our token for an Angel symboltoken; null for a segment we do not trade or a token out of range. */
export function angelInstrumentToken(segment: AngelSegment, symbolToken: number): number | null {
  if (segment.kiteCode === null || !Number.isSafeInteger(symbolToken) || symbolToken <= 0) return null;
  const token = symbolToken * 256 + segment.kiteCode;
  return Number.isSafeInteger(token) ? token : null;
}

/**
 * A raw wire integer → paise. `exact` is false when currency's finer digits do not
 * fit a paisa; `paise` is then rounded half-up and the caller decides (the tick
 * mapping refuses by default, as Kite's does).
 */
export function angelRawToPaise(raw: number, segment: AngelSegment): { paise: number; exact: boolean } {
  if (segment.priceDecimals === 2) return { paise: raw, exact: true };
  const divisor = 100_000;
  const whole = Math.trunc(raw / divisor);
  const remainder = raw - whole * divisor;
  if (remainder === 0) return { paise: whole, exact: true };
  return { paise: Math.abs(remainder) * 2 >= divisor ? whole + Math.sign(remainder) : whole, exact: false };
}
