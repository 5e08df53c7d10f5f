/**
 * Kotak refuses SL-M from API sessions ("Market order with Algo Id not allowed"), so
 * an SL-M becomes an SL whose limit sits a protection percentage beyond the trigger:
 * a buy stop's limit above it, a sell stop's below it.
 *
 * Rounding to the tick grid goes AWAY from the trigger (buy: up, sell: down), so the
 * limit is never tighter than the configured protection. The adverse case for a stop
 * is not filling while the market runs through it — which is what SL-M was for — so
 * the grid may widen the band by less than one tick but never narrow it. A sell
 * limit never goes below one tick.
 */
import { formatInr } from '../../../src-shared/money';
import type { Side } from '../../../src-shared/orders/order-types';

/** 2 %: wide enough for a fast stop-out in liquid F&O, narrow enough to bound a gap. Configurable. */
export const DEFAULT_SLM_PROTECTION_BPS = 200;

export interface KotakNotice {
  code: 'SLM_SENT_AS_SL';
  message: string;
}

export interface SlmConversionInput {
  side: Side;
  /** Paise, on the tick grid. */
  triggerPrice: number;
  tickSize: number;
  /** Basis points, 1–10,000. */
  protectionBps: number;
}

export function convertSlmToSl(input: SlmConversionInput): { limitPrice: number; notice: KotakNotice } {
  const { side, triggerPrice, tickSize, protectionBps } = input;
  const bps = BigInt(Math.min(Math.max(protectionBps, 1), 10_000));
  const trigger = BigInt(triggerPrice);
  const tick = BigInt(tickSize);
  const denominator = 10_000n * tick;
  let ticks: bigint;
  if (side === 'BUY') {
    const numerator = trigger * (10_000n + bps);
    ticks = (numerator + denominator - 1n) / denominator; // ceil
  } else {
    ticks = (trigger * (10_000n - bps)) / denominator; // floor
    if (ticks < 1n) ticks = 1n;
  }
  const limitPrice = Number(ticks * tick);
  const percent = `${(Number(bps) / 100).toFixed(2)} %`;
  return {
    limitPrice,
    notice: {
      code: 'SLM_SENT_AS_SL',
      message:
        `Kotak does not accept SL-M orders from API sessions, so this was sent as SL: trigger ${formatInr(triggerPrice)}, ` +
        `limit ${formatInr(limitPrice)} (${percent} protection). If the price jumps past the limit, the order may stay unfilled.`,
    },
  };
}
