/**
 * The Kite Connect v3 ticker's binary packets as typed values, and the one place
 * that knows what a raw price means in each segment.
 *
 * The decoder keeps every field as Kite sent it (raw integer units); converting to
 * our paise is a separate, explicit step (`kitePriceToPaise`, ticker-tick.ts),
 * because currency segments carry sub-paise precision that paise cannot hold.
 */

/** Segment = token & 0xFF (MARKET-FACTS). 8 (MCX-SX) and others are not documented, so unknown. */
export const KITE_SEGMENTS = {
  NSE: 1,
  NFO: 2,
  CDS: 3,
  BSE: 4,
  BFO: 5,
  BCD: 6,
  MCX: 7,
  INDICES: 9,
} as const;
export type KiteSegmentName = keyof typeof KITE_SEGMENTS;

export function segmentOfToken(token: number): number {
  return token & 0xff;
}

/**
 * Raw price units per rupee, as a power of ten: 2 (paise) for most segments, 7 for
 * CDS (÷ 10,000,000) and 4 for BCD (÷ 10,000). Null for a segment we do not know:
 * guessing a scale would put a price off by orders of magnitude on screen.
 */
export function priceDecimals(segment: number): number | null {
  switch (segment) {
    case KITE_SEGMENTS.NSE:
    case KITE_SEGMENTS.NFO:
    case KITE_SEGMENTS.BSE:
    case KITE_SEGMENTS.BFO:
    case KITE_SEGMENTS.MCX:
    case KITE_SEGMENTS.INDICES:
      return 2;
    case KITE_SEGMENTS.CDS:
      return 7;
    case KITE_SEGMENTS.BCD:
      return 4;
    default:
      return null;
  }
}

export function isCurrencySegment(segment: number): boolean {
  return segment === KITE_SEGMENTS.CDS || segment === KITE_SEGMENTS.BCD;
}

/**
 * A raw price in paise. `exact` is false when the raw value has sub-paise digits
 * (currency only); `paise` is then rounded half-up, and the caller decides whether a
 * rounded price is acceptable (ticker-tick.ts refuses by default). Null: unknown segment.
 */
export function kitePriceToPaise(raw: number, segment: number): { paise: number; exact: boolean } | null {
  const decimals = priceDecimals(segment);
  if (decimals === null) return null;
  const divisor = 10 ** (decimals - 2);
  if (divisor === 1) return { paise: raw, exact: true };
  // Raw values are uint32/int32, far below 2^53: integer arithmetic here is exact.
  const whole = Math.trunc(raw / divisor);
  const remainder = raw - whole * divisor;
  if (remainder === 0) return { paise: whole, exact: true };
  const roundUp = Math.abs(remainder) * 2 >= divisor;
  return { paise: roundUp ? whole + Math.sign(remainder) : whole, exact: false };
}

/** The exact rupee value of a raw price as a decimal string ("83.2525"), for display and logs. */
export function kitePriceToRupeeText(raw: number, segment: number): string | null {
  const decimals = priceDecimals(segment);
  if (decimals === null || !Number.isSafeInteger(raw)) return null;
  const digits = String(Math.abs(raw)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${raw < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export interface DepthLevel {
  quantity: number;
  /** Raw price units of the packet's segment. */
  price: number;
  orders: number;
}

interface PacketBase {
  /** Instrument token (uint32); its low byte is the segment. */
  token: number;
  segment: number;
  /** Raw units of the segment (see priceDecimals); likewise every price field below. */
  ltp: number;
}

export interface LtpPacket extends PacketBase {
  mode: 'ltp';
}

export interface IndexQuotePacket extends PacketBase {
  mode: 'index-quote';
  high: number;
  low: number;
  open: number;
  close: number;
  /** Signed: the one field that can be negative. */
  change: number;
}

export interface IndexFullPacket extends Omit<IndexQuotePacket, 'mode'> {
  mode: 'index-full';
  /** Epoch seconds. */
  exchangeTimestamp: number;
}

export interface QuotePacket extends PacketBase {
  mode: 'quote';
  lastQuantity: number;
  averagePrice: number;
  volume: number;
  totalBuyQuantity: number;
  totalSellQuantity: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface FullPacket extends Omit<QuotePacket, 'mode'> {
  mode: 'full';
  /** Epoch seconds. */
  lastTradeTime: number;
  oi: number;
  oiDayHigh: number;
  oiDayLow: number;
  /** Epoch seconds. */
  exchangeTimestamp: number;
  /** Five levels each side, best first, as sent (empty levels are zeros). */
  depth: { buy: DepthLevel[]; sell: DepthLevel[] };
}

export type KitePacket = LtpPacket | IndexQuotePacket | IndexFullPacket | QuotePacket | FullPacket;
export type KitePacketMode = KitePacket['mode'];

/** Packet length in bytes for each mode (MARKET-FACTS table). */
export const PACKET_LENGTHS = {
  ltp: 8,
  'index-quote': 28,
  'index-full': 32,
  quote: 44,
  full: 184,
} as const satisfies Record<KitePacketMode, number>;

export const DEPTH_LEVELS = 5;
export const DEPTH_ENTRY_BYTES = 12;
export const DEPTH_OFFSET = 64;
