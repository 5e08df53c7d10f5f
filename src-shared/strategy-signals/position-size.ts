/**
 * Position size by risk: the quantity whose loss at the stop is at most
 * `riskBps` basis points of capital (100 = 1 %, the EMA-crossover built-in;
 * 50 = 0.5 %, the support/resistance one), rounded DOWN to whole lots — never
 * up, so the loss at the stop never exceeds the budget. Money in integer
 * paise throughout (src-shared/money); the budget is floored to the paisa.
 */
import { applyRate, assertPaise, type Paise } from '../money';

export interface RiskSizingInput {
  capitalPaise: Paise;
  /** Risk per trade in basis points of capital, 1–10,000. */
  riskBps: number;
  entryPaise: Paise;
  stopPaise: Paise;
  lotSize: number;
}

export type RiskSizingShortfall = 'stop-at-entry' | 'budget-below-one-lot';

export interface RiskSizing {
  lots: number;
  /** lots × lotSize, units. */
  quantity: number;
  /** floor(capital × riskBps / 10,000). */
  riskBudgetPaise: Paise;
  /** |entry − stop| per unit. */
  riskPerUnitPaise: Paise;
  /** quantity × riskPerUnit: what hitting the stop costs, ≤ the budget. */
  riskAtStopPaise: Paise;
  /** Why the size is 0, when it is. */
  shortfall: RiskSizingShortfall | null;
}

export const EMA_CROSSOVER_RISK_BPS = 100;
export const SUPPORT_RESISTANCE_RISK_BPS = 50;

/** 50 → "0.0050": basis points as the decimal rate applyRate takes, exactly. */
function bpsRate(bps: number): string {
  if (!Number.isSafeInteger(bps) || bps < 1 || bps > 10_000) throw new RangeError(`riskBps must be a whole number from 1 to 10,000, got ${bps}`);
  return bps === 10_000 ? '1' : `0.${String(bps).padStart(4, '0')}`;
}

export function sizeByRisk(input: RiskSizingInput): RiskSizing {
  const capital = assertPaise(input.capitalPaise, 'capital');
  const entry = assertPaise(input.entryPaise, 'entry');
  const stop = assertPaise(input.stopPaise, 'stop');
  if (capital < 0 || entry <= 0 || stop <= 0) throw new RangeError('capital must be ≥ 0 and entry and stop > 0');
  if (!Number.isSafeInteger(input.lotSize) || input.lotSize < 1) throw new RangeError(`lotSize must be a whole number ≥ 1, got ${input.lotSize}`);
  const riskBudgetPaise = applyRate(capital, bpsRate(input.riskBps), 'floor');
  const riskPerUnitPaise = Math.abs(entry - stop);
  const none = (shortfall: RiskSizingShortfall): RiskSizing => ({ lots: 0, quantity: 0, riskBudgetPaise, riskPerUnitPaise, riskAtStopPaise: 0, shortfall });
  if (riskPerUnitPaise === 0) return none('stop-at-entry');
  const units = BigInt(riskBudgetPaise) / BigInt(riskPerUnitPaise);
  const lots = Number(units / BigInt(input.lotSize));
  if (lots === 0) return none('budget-below-one-lot');
  const quantity = lots * input.lotSize;
  return { lots, quantity, riskBudgetPaise, riskPerUnitPaise, riskAtStopPaise: assertPaise(quantity * riskPerUnitPaise, 'risk at stop'), shortfall: null };
}
