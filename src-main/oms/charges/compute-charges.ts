import { applyRate, assertPaise, type Paise } from '../../../src-shared/money';
import type { Side } from '../../../src-shared/orders/order-types';
import { DISCOUNT_PLAN, brokerageFor, type BrokeragePlan } from './brokerage';
import { pct, ratesOn, type ChargeSegment } from './rates';

/**
 * Charges on one EXECUTED ORDER, all in integer paise.
 *
 * Rounding (as the rules say): STT to the nearest rupee, 50 paise and up rounding up,
 * straight from the exact amount (see sttOn); every other component half-up to the
 * paisa. GST is 18 % of the already-rounded brokerage + exchange charge + SEBI fee,
 * itself rounded half-up, so the printed lines of a contract note add up.
 *
 * Per order, not per fill: brokers charge ₹20 once per order and round STT once on its
 * turnover. When an order fills in pieces, compute on the order's CUMULATIVE fills and
 * book the difference against each new fill:
 *
 *     before = computeOrderCharges({ ..., fills: fillsSoFar })
 *     after  = computeOrderCharges({ ..., fills: [...fillsSoFar, newFill] })
 *     trade-book row for newFill = subtractCharges(after, before)
 *
 * Every component only grows with turnover, so each difference is ≥ 0 and the rows of
 * an order always add up to exactly what the order costs. Charges use the rates of the
 * order's IST trading day (`tradeDate`).
 */

export interface ChargeBreakdown {
  turnover: Paise;
  brokerage: Paise;
  stt: Paise;
  exchangeTxn: Paise;
  sebiFee: Paise;
  gst: Paise;
  stampDuty: Paise;
  total: Paise;
}

export interface ChargeInput {
  segment: ChargeSegment;
  side: Side;
  /** IST trading day 'YYYY-MM-DD': picks the rate set. */
  tradeDate: string;
  /** Defaults to DISCOUNT_PLAN. */
  plan?: BrokeragePlan;
}

/** One order executed at one price (premium for options). */
export function computeCharges(input: ChargeInput & { quantity: number; price: Paise }): ChargeBreakdown {
  return chargesOnTurnover(input, turnoverOf([{ quantity: input.quantity, price: input.price }]));
}

/** One order executed in several fills: charged once on the sum of their values. */
export function computeOrderCharges(
  input: ChargeInput & { fills: ReadonlyArray<{ quantity: number; price: Paise }> },
): ChargeBreakdown {
  return chargesOnTurnover(input, turnoverOf(input.fills));
}

export function chargesOnTurnover(input: ChargeInput, turnover: Paise): ChargeBreakdown {
  assertPaise(turnover, 'turnover');
  if (turnover < 0) throw new RangeError('Turnover cannot be negative');
  const rates = ratesOn(input.tradeDate);
  const seg = rates.segments[input.segment];
  const buy = input.side === 'BUY';
  const brokerage = brokerageFor((input.plan ?? DISCOUNT_PLAN)[input.segment], turnover);
  const stt = sttOn(turnover, buy ? seg.sttBuy : seg.sttSell);
  const exchangeTxn = applyRate(turnover, seg.exchangeTxn, 'half-up');
  const sebiFee = applyRate(turnover, rates.sebiFee, 'half-up');
  const gst = applyRate(brokerage + exchangeTxn + sebiFee, rates.gst, 'half-up');
  const stampDuty = buy ? applyRate(turnover, seg.stampDutyBuy, 'half-up') : 0;
  const total = brokerage + stt + exchangeTxn + sebiFee + gst + stampDuty;
  return { turnover, brokerage, stt, exchangeTxn, sebiFee, gst, stampDuty, total };
}

/**
 * STT rounded ONCE, from the exact product straight to the rupee: rounding to the paisa
 * first would turn ₹12.495 into ₹12.50 and then ₹13. turnover (paise) × rate / 100 is
 * the amount in rupees, so apply the rate shifted two places and scale back to paise.
 */
function sttOn(turnover: Paise, rate: string): Paise {
  return applyRate(turnover, pct(rate), 'half-up') * 100;
}

/** Field-by-field after − before; the charges to book against the fill that made the difference. */
export function subtractCharges(after: ChargeBreakdown, before: ChargeBreakdown): ChargeBreakdown {
  return {
    turnover: after.turnover - before.turnover,
    brokerage: after.brokerage - before.brokerage,
    stt: after.stt - before.stt,
    exchangeTxn: after.exchangeTxn - before.exchangeTxn,
    sebiFee: after.sebiFee - before.sebiFee,
    gst: after.gst - before.gst,
    stampDuty: after.stampDuty - before.stampDuty,
    total: after.total - before.total,
  };
}

export const ZERO_CHARGES: ChargeBreakdown = {
  turnover: 0, brokerage: 0, stt: 0, exchangeTxn: 0, sebiFee: 0, gst: 0, stampDuty: 0, total: 0,
};

function turnoverOf(fills: ReadonlyArray<{ quantity: number; price: Paise }>): Paise {
  let sum = 0n;
  for (const f of fills) {
    if (!Number.isSafeInteger(f.quantity) || f.quantity < 0) throw new RangeError(`Bad fill quantity ${f.quantity}`);
    sum += BigInt(f.quantity) * BigInt(assertPaise(f.price, 'price'));
  }
  if (sum > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('Turnover exceeds the safe integer range');
  return Number(sum);
}
