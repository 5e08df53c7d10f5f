/**
 * SmartWebSocket V2 packets → our normalised Tick, and the rest of a quote (OHLC,
 * circuits, 52-week range, best five) in paise for the quote and depth panels.
 *
 * - Prices: 1/100 rupee on the wire, i.e. paise already, except currency (CDS),
 *   1/10,000,000 rupee. A currency price finer than a paisa refuses the whole packet
 *   ('sub-paise') unless `currency: 'round'`, as Kite's ticker does.
 * - Times: the exchange timestamp is epoch ms (SDKs and docs agree). The SnapQuote's
 *   last-traded timestamp has no confirmed unit (§D6); `angelEpochMs` reads a value
 *   below 10^11 as seconds, anything larger as ms (10^11 s is the year 5138, 10^11 ms
 *   is 1973), so either unit gives the right instant.
 * - Our token: symboltoken × 256 + segment code (segments.ts); a token that is not
 *   numeric, or an exchange type we do not trade, is refused.
 * - LTP packets carry no volume (0 = unknown, not no trades), quotes no depth; a
 *   depth level with price 0 is no quote. Depth-20 packets are not ticks.
 */
import type { Tick } from '../../../src-shared/domain/tick';
import { angelInstrumentToken, angelRawToPaise, angelSegmentOfWs } from './segments';
import type { AngelPacket, AngelQuotePacket, AngelSnapQuotePacket, BestFiveLevel } from './ws-packets';

export type AngelTickFailure = 'bad-token' | 'unknown-segment' | 'sub-paise' | 'bad-price' | 'depth-only';

export interface AngelQuoteFacts {
  open: number;
  high: number;
  low: number;
  close: number;
  averagePrice: number;
  /** SnapQuote only; null otherwise. */
  upperCircuit: number | null;
  lowerCircuit: number | null;
  high52Week: number | null;
  low52Week: number | null;
  /** Five levels a side in paise, zero-price levels dropped; null below SnapQuote. */
  depth: { buy: { price: number; quantity: number; orders: number }[]; sell: { price: number; quantity: number; orders: number }[] } | null;
}

export type AngelTickResult = { ok: true; tick: Tick; quote: AngelQuoteFacts | null } | { ok: false; reason: AngelTickFailure };

export interface AngelTickOptions {
  /** Epoch ms when the frame arrived; the tick's time when the packet has none. */
  receivedAtMs: number;
  currency?: 'refuse' | 'round';
}

class Refused {
  constructor(readonly reason: AngelTickFailure) {}
}

export function angelEpochMs(raw: number): number | null {
  if (!Number.isSafeInteger(raw) || raw <= 0) return null;
  return raw < 1e11 ? raw * 1000 : raw;
}

export function angelTick(packet: AngelPacket, options: AngelTickOptions): AngelTickResult {
  if (packet.mode === 'depth-20') return { ok: false, reason: 'depth-only' };
  const segment = angelSegmentOfWs(packet.exchangeType);
  if (segment === null || segment.ours === null) return { ok: false, reason: 'unknown-segment' };
  const token = /^\d{1,15}$/.test(packet.token) ? angelInstrumentToken(segment, Number(packet.token)) : null;
  if (token === null) return { ok: false, reason: 'bad-token' };
  const paise = (raw: number): number => {
    if (raw < 0) throw new Refused('bad-price');
    const converted = angelRawToPaise(raw, segment);
    if (!converted.exact && options.currency !== 'round') throw new Refused('sub-paise');
    return converted.paise;
  };
  const count = (value: number) => (value > 0 ? value : 0);
  try {
    const ts = packet.exchangeTimestampMs > 0 ? packet.exchangeTimestampMs : options.receivedAtMs;
    const base = { token, ts, ltp: paise(packet.ltp) };
    if (packet.mode === 'ltp') return { ok: true, tick: { ...base, lastQty: 0, volume: 0, oi: 0, ...NO_DEPTH }, quote: null };
    const quote = quoteFacts(packet, paise);
    if (packet.mode === 'quote') {
      return { ok: true, tick: { ...base, lastQty: count(packet.lastQuantity), volume: count(packet.volume), oi: 0, ...NO_DEPTH }, quote };
    }
    const traded = angelEpochMs(packet.lastTradedTimestamp);
    const bid = quote.depth?.buy[0];
    const ask = quote.depth?.sell[0];
    return {
      ok: true,
      tick: {
        ...base,
        ts: packet.exchangeTimestampMs > 0 ? packet.exchangeTimestampMs : (traded ?? options.receivedAtMs),
        lastQty: count(packet.lastQuantity),
        volume: count(packet.volume),
        oi: count(packet.openInterest),
        bid: bid?.price ?? null,
        bidQty: bid?.quantity ?? 0,
        ask: ask?.price ?? null,
        askQty: ask?.quantity ?? 0,
      },
      quote,
    };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}

const NO_DEPTH = { bid: null, bidQty: 0, ask: null, askQty: 0 } as const;

function quoteFacts(packet: AngelQuotePacket | AngelSnapQuotePacket, paise: (raw: number) => number): AngelQuoteFacts {
  const snap = packet.mode === 'snap-quote' ? packet : null;
  const levels = (side: BestFiveLevel[]) =>
    side.filter((l) => l.price !== 0).map((l) => ({ price: paise(l.price), quantity: Math.max(0, l.quantity), orders: l.orders }));
  return {
    open: paise(packet.open),
    high: paise(packet.high),
    low: paise(packet.low),
    close: paise(packet.close),
    averagePrice: paise(packet.averagePrice),
    upperCircuit: snap ? paise(snap.upperCircuit) : null,
    lowerCircuit: snap ? paise(snap.lowerCircuit) : null,
    high52Week: snap ? paise(snap.high52Week) : null,
    low52Week: snap ? paise(snap.low52Week) : null,
    depth: snap ? { buy: levels(snap.depth.buy), sell: levels(snap.depth.sell) } : null,
  };
}
