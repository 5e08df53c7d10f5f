/**
 * SmartWebSocket V2's binary ticks as typed values (facts §A5; the layout agrees in
 * the docs and the Python, JS and Java SDKs). One binary frame is one packet,
 * little-endian, its kind told by the first byte (the subscription mode):
 *
 *   0 u8 mode · 1 u8 exchangeType · 2 char[25] token (NUL-padded ASCII)
 *   27 i64 sequence · 35 i64 exchange time (epoch ms) · 43 i64 LTP         → LTP, 51 bytes
 *   51 i64 last qty · 59 i64 avg price · 67 i64 volume · 75 f64 total buy qty
 *   83 f64 total sell qty · 91/99/107/115 i64 open/high/low/close          → Quote, 123 bytes
 *   123 i64 last trade time · 131 i64 OI · 139 f64 OI change % (a "dummy field")
 *   147 5 × 20 B buys, 247 5 × 20 B sells (i16 flag, i64 qty, i64 price, i16 orders)
 *   347/355 i64 upper/lower circuit · 363/371 i64 52-week high/low        → SnapQuote, 379 bytes
 *   Depth-20 (mode 4): 27 i64 exchange time · 35 i64 received time (deprecated)
 *   43 20 × 10 B buys, 243 20 × 10 B sells (i32 qty, i32 price, i16 orders) → 443 bytes
 *
 * Prices stay in the wire's integer units here (1/100 rupee; 1/10,000,000 for
 * currency): converting is ws-tick.ts's step, because the scale depends on the
 * exchange type.
 */

export const ANGEL_WS_MODES = { ltp: 1, quote: 2, 'snap-quote': 3, 'depth-20': 4 } as const;
export type AngelWsModeName = keyof typeof ANGEL_WS_MODES;

export const ANGEL_PACKET_BYTES = { ltp: 51, quote: 123, 'snap-quote': 379, 'depth-20': 443 } as const satisfies Record<AngelWsModeName, number>;

export const TOKEN_OFFSET = 2;
export const TOKEN_BYTES = 25;
export const BEST_FIVE_OFFSET = 147;
export const BEST_FIVE_LEVEL_BYTES = 20;
export const DEPTH_20_OFFSET = 43;
export const DEPTH_20_LEVEL_BYTES = 10;

export interface BestFiveLevel {
  /** 1 = buy, 0 = sell, as sent; the side is read from the position (buys first), as the Java SDK does. */
  flag: number;
  quantity: number;
  price: number;
  orders: number;
}

export interface Depth20Level {
  quantity: number;
  price: number;
  orders: number;
}

interface PacketBase {
  exchangeType: number;
  /** Angel's symboltoken, as text ("2885", "99926000"). */
  token: string;
}

export interface AngelLtpPacket extends PacketBase {
  mode: 'ltp';
  /** Null when it does not fit a safe integer (indices send no meaningful one). */
  sequence: number | null;
  exchangeTimestampMs: number;
  ltp: number;
}

export interface AngelQuotePacket extends Omit<AngelLtpPacket, 'mode'> {
  mode: 'quote';
  lastQuantity: number;
  averagePrice: number;
  volume: number;
  /** Doubles on the wire; null when not a finite number. */
  totalBuyQuantity: number | null;
  totalSellQuantity: number | null;
  open: number;
  high: number;
  low: number;
  /** The docs' "Close price"; whether that is the previous session's is not confirmed. */
  close: number;
}

export interface AngelSnapQuotePacket extends Omit<AngelQuotePacket, 'mode'> {
  mode: 'snap-quote';
  /** As sent; its unit (s or ms) is not confirmed (§D6): see ws-tick.ts. */
  lastTradedTimestamp: number;
  openInterest: number;
  /** Documented as garbage; null when not a finite number. Never relied on. */
  oiChangePercent: number | null;
  depth: { buy: BestFiveLevel[]; sell: BestFiveLevel[] };
  upperCircuit: number;
  lowerCircuit: number;
  high52Week: number;
  low52Week: number;
}

export interface AngelDepth20Packet extends PacketBase {
  mode: 'depth-20';
  exchangeTimestampMs: number;
  depth: { buy: Depth20Level[]; sell: Depth20Level[] };
}

export type AngelPacket = AngelLtpPacket | AngelQuotePacket | AngelSnapQuotePacket | AngelDepth20Packet;
