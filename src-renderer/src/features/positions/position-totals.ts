import type { Position } from '../../../../src-shared/contract/domains/orders';

export interface PositionTotals {
  unrealisedPnl: number;
  realisedPnl: number;
  dayPnl: number;
  totalPnl: number;
  charges: number;
}

/** Column sums of the P&L in integer paise (exact: no float ever enters the sum). */
export function positionTotals(positions: readonly Position[]): PositionTotals {
  const totals: PositionTotals = { unrealisedPnl: 0, realisedPnl: 0, dayPnl: 0, totalPnl: 0, charges: 0 };
  for (const position of positions) {
    totals.unrealisedPnl += position.unrealisedPnl;
    totals.realisedPnl += position.realisedPnl;
    totals.dayPnl += position.dayPnl;
    totals.totalPnl += position.totalPnl;
    totals.charges += position.charges;
  }
  for (const value of Object.values(totals)) {
    if (!Number.isSafeInteger(value)) throw new RangeError('position totals left the exact integer range');
  }
  return totals;
}
