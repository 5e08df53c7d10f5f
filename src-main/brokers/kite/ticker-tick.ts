/**
 * Kite packet → our normalised Tick (paise, epoch ms).
 *
 * Currency (CDS, BCD): Kite sends prices with sub-paise precision (₹83.2525 is
 * 8,325.25 paise), and a Tick holds whole paise. By default such a packet is REFUSED
 * as a whole ('sub-paise'), never silently rounded: a chart or P&L built from rounded
 * currency prices would be wrong in a way nobody notices. The instrument master does
 * the same (a ₹0.0025 tick is not a whole number of paise, so those rows are skipped),
 * so currency instruments never reach the terminal through Kite. `currency: 'round'`
 * opts in to half-up rounding for a caller that only wants to display an approximate
 * price; the exact value stays available from the packet via kitePriceToRupeeText.
 * A currency price that happens to be a whole number of paise converts exactly either way.
 *
 * Timestamps: Kite sends epoch seconds. The exchange timestamp is used where the
 * packet has one (full, index full), else the last trade time (full), else the time
 * the frame was received, which the caller passes.
 *
 * Modes without a field leave it at its neutral value: LTP and index packets have
 * volume 0 (cumulative volume unknown, not zero trades), quote packets have no depth
 * (bid/ask null). Subscribe in full mode for anything that builds candles.
 */
import type { Tick } from '../../../src-shared/domain/tick';
import { kitePriceToPaise, type DepthLevel, type KitePacket } from './ticker-packets';

export type ToTickFailure = 'bad-token' | 'unknown-segment' | 'sub-paise';

export type ToTickResult = { ok: true; tick: Tick } | { ok: false; reason: ToTickFailure };

export interface ToTickOptions {
  /** Epoch ms when the frame arrived; the tick's time when the packet carries none. */
  receivedAtMs: number;
  /** Currency prices with sub-paise digits: refuse the packet (default) or round half-up. */
  currency?: 'refuse' | 'round';
}

class SubPaise extends Error {}

export function toTick(packet: KitePacket, options: ToTickOptions): ToTickResult {
  if (packet.token <= 0) return { ok: false, reason: 'bad-token' };
  const round = options.currency === 'round';
  const segment = packet.segment;
  if (kitePriceToPaise(0, segment) === null) return { ok: false, reason: 'unknown-segment' };

  // One helper for every price so a single sub-paise field refuses the whole tick.
  const paise = (raw: number): number => {
    const converted = kitePriceToPaise(raw, segment);
    if (converted === null || (!converted.exact && !round)) throw new SubPaise();
    return converted.paise;
  };

  try {
    const base = { token: packet.token, ltp: paise(packet.ltp) };
    switch (packet.mode) {
      case 'ltp':
      case 'index-quote':
        return ok({ ...base, ts: options.receivedAtMs, lastQty: 0, volume: 0, oi: 0, ...noDepth });
      case 'index-full':
        return ok({ ...base, ts: seconds(packet.exchangeTimestamp, options.receivedAtMs), lastQty: 0, volume: 0, oi: 0, ...noDepth });
      case 'quote':
        return ok({ ...base, ts: options.receivedAtMs, lastQty: packet.lastQuantity, volume: packet.volume, oi: 0, ...noDepth });
      case 'full': {
        const fallback = seconds(packet.lastTradeTime, options.receivedAtMs);
        const bid = bestLevel(packet.depth.buy[0], paise);
        const ask = bestLevel(packet.depth.sell[0], paise);
        return ok({
          ...base,
          ts: seconds(packet.exchangeTimestamp, fallback),
          lastQty: packet.lastQuantity,
          volume: packet.volume,
          oi: packet.oi,
          bid: bid.price,
          bidQty: bid.quantity,
          ask: ask.price,
          askQty: ask.quantity,
        });
      }
    }
  } catch (error) {
    if (error instanceof SubPaise) return { ok: false, reason: 'sub-paise' };
    throw error;
  }
}

const noDepth = { bid: null, bidQty: 0, ask: null, askQty: 0 } as const;

function ok(tick: Tick): ToTickResult {
  return { ok: true, tick };
}

function seconds(epochSeconds: number, fallbackMs: number): number {
  return epochSeconds > 0 ? epochSeconds * 1000 : fallbackMs;
}

/** An empty level (price 0) is no quote, not a bid at ₹0. */
function bestLevel(level: DepthLevel | undefined, paise: (raw: number) => number): { price: number | null; quantity: number } {
  if (!level || level.price === 0) return { price: null, quantity: 0 };
  return { price: paise(level.price), quantity: level.quantity };
}
