/**
 * An HSM topic's merged state → our normalised Tick (paise, epoch ms), as ticker-tick.ts
 * does for Kite.
 *
 * Prices: the SDK shows value ÷ (multiplier × 10^precision) rupees as a float. We want
 * paise exactly, so paise = value × 100 ÷ (multiplier × 10^precision) is computed on
 * integers that stay below 2^53 and must divide exactly. A price with a fraction of a
 * paisa (currency, precision 4) is REFUSED as a whole tick ('sub-paise'), never rounded,
 * for the same reason as with Kite: a rounded price is wrong in a way nobody notices.
 *
 * Time: the tick is stamped with the time the frame was received (assumption 10 in
 * hsm-protocol.ts): a wrong guess about the epoch of Kotak's date fields would misplace
 * every candle by hours or make the tick guard refuse every tick as "from the future".
 *
 * A zero bid / ask is no quote (null), not a quote at ₹0. Index topics carry no volume,
 * quantities or depth: those stay at their neutral values, as Kite's index packets do.
 */
import type { Tick } from '../../../../src-shared/domain/tick';
import { DEFAULT_MULTIPLIER, DEFAULT_PRECISION, INDEX_FIELD, SCRIP_FIELD, scaleFields } from './hsm-protocol';
import type { TopicState } from './hsm-topics';

export type HsmTickFailure =
  /** segment|token is not an instrument we know. */
  | 'unknown-instrument'
  /** The topic has no last price yet. */
  | 'no-price'
  /** Multiplier 0 or a precision no price can have. */
  | 'bad-scale'
  /** A price finer than a paisa. */
  | 'sub-paise'
  /** Depth topics are not turned into ticks (the scrip topic carries the best bid / ask). */
  | 'depth-topic';

export type HsmTickResult = { ok: true; tick: Tick } | { ok: false; reason: HsmTickFailure };

export interface HsmTickOptions {
  /** Kotak segment + token → our instrument token, or null when unknown. */
  resolve: (segment: string, token: string) => number | null;
  receivedAtMs: number;
}

const MAX_PRECISION = 15;

/** value ÷ (multiplier × 10^precision) rupees in whole paise, or why not. */
export function hsmPriceToPaise(value: number, multiplier: number, precision: number): number | 'bad-scale' | 'sub-paise' {
  if (!Number.isInteger(multiplier) || multiplier < 1 || !Number.isInteger(precision) || precision < 0 || precision > MAX_PRECISION) return 'bad-scale';
  // value < 2^32, so value × 100 < 2^39 and 10^15 × multiplier may pass 2^53: check before dividing.
  const numerator = precision <= 2 ? value * 10 ** (2 - precision) : value;
  const denominator = precision <= 2 ? multiplier : multiplier * 10 ** (precision - 2);
  if (!Number.isSafeInteger(denominator)) return value === 0 ? 0 : 'sub-paise';
  if (numerator % denominator !== 0) return 'sub-paise';
  return numerator / denominator;
}

class Refused extends Error {
  constructor(readonly reason: HsmTickFailure) {
    super(reason);
  }
}

export function hsmTick(topic: TopicState, options: HsmTickOptions): HsmTickResult {
  if (topic.kind === 'depth') return { ok: false, reason: 'depth-topic' };
  const token = options.resolve(topic.segment, topic.token);
  if (token === null) return { ok: false, reason: 'unknown-instrument' };
  const v = topic.values;
  const scale = scaleFields(topic.kind);
  const multiplier = v[scale.multiplier] ?? DEFAULT_MULTIPLIER;
  const precision = v[scale.precision] ?? DEFAULT_PRECISION;
  // One helper for every price so a single bad field refuses the whole tick.
  const paise = (raw: number): number => {
    const converted = hsmPriceToPaise(raw, multiplier, precision);
    if (typeof converted === 'string') throw new Refused(converted);
    return converted;
  };
  try {
    if (topic.kind === 'index') {
      const ltp = v[INDEX_FIELD.LTP];
      if (ltp === null || ltp === undefined) return { ok: false, reason: 'no-price' };
      return ok({ token, ts: options.receivedAtMs, ltp: paise(ltp), lastQty: 0, volume: 0, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 });
    }
    const ltp = v[SCRIP_FIELD.LTP];
    if (ltp === null || ltp === undefined) return { ok: false, reason: 'no-price' };
    const bid = quote(v[SCRIP_FIELD.BID], v[SCRIP_FIELD.BID_QTY], paise);
    const ask = quote(v[SCRIP_FIELD.ASK], v[SCRIP_FIELD.ASK_QTY], paise);
    return ok({
      token,
      ts: options.receivedAtMs,
      ltp: paise(ltp),
      lastQty: v[SCRIP_FIELD.LAST_QTY] ?? 0,
      volume: v[SCRIP_FIELD.VOLUME] ?? 0,
      oi: v[SCRIP_FIELD.OI] ?? 0,
      bid: bid.price,
      bidQty: bid.quantity,
      ask: ask.price,
      askQty: ask.quantity,
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}

function ok(tick: Tick): HsmTickResult {
  return { ok: true, tick };
}

function quote(price: number | null | undefined, quantity: number | null | undefined, paise: (raw: number) => number): { price: number | null; quantity: number } {
  if (price === null || price === undefined || price === 0) return { price: null, quantity: 0 };
  return { price: paise(price), quantity: quantity ?? 0 };
}
