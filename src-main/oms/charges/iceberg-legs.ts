import type { Paise } from '../../../src-shared/money';
import type { ChargeBreakdown } from './compute-charges';

/**
 * An iceberg's legs are separate exchange orders (the broker sends each on its own), and
 * charges are per executed order: ₹20 brokerage and the STT rounding apply to each leg,
 * not once to the whole. These group an iceberg's fills (in fill order) into its legs of
 * `legQuantity` units each; a fill straddling a boundary (a venue that reports across
 * legs) is split there at its own price, so nothing is counted twice or lost.
 */

type Fill = { quantity: number; price: Paise };

export function fillsByLeg(fills: readonly Fill[], legQuantity: number): Fill[][] {
  if (!Number.isSafeInteger(legQuantity) || legQuantity <= 0) return [[...fills]];
  const legs: Fill[][] = [];
  let current: Fill[] = [];
  let room = legQuantity;
  for (const fill of fills) {
    let left = fill.quantity;
    while (left > 0) {
      const take = Math.min(left, room);
      current.push({ quantity: take, price: fill.price });
      left -= take;
      room -= take;
      if (room === 0) {
        legs.push(current);
        current = [];
        room = legQuantity;
      }
    }
  }
  if (current.length > 0) legs.push(current);
  return legs;
}

export function addCharges(a: ChargeBreakdown, b: ChargeBreakdown): ChargeBreakdown {
  return {
    turnover: a.turnover + b.turnover, brokerage: a.brokerage + b.brokerage, stt: a.stt + b.stt,
    exchangeTxn: a.exchangeTxn + b.exchangeTxn, sebiFee: a.sebiFee + b.sebiFee, gst: a.gst + b.gst,
    stampDuty: a.stampDuty + b.stampDuty, total: a.total + b.total,
  };
}
