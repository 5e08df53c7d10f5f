import { directionOf } from '../../format/direction';
import { formatInr, formatPnl } from '../../format/money';
import { formatCount } from '../../format/quantity';
import { useRiskStore } from '../../stores/risk-store';
import './risk.css';

/** How much of the day's loss budget is used, in whole percent (display only). */
export function lossUsedPct(dayPnl: number, limit: number): number {
  if (limit <= 0 || dayPnl >= 0) return 0;
  return Math.min(100, Math.floor((-dayPnl * 100) / limit));
}

/** Day P&L against the daily loss limit that trips the kill switch. */
export function RiskSummary() {
  const state = useRiskStore((s) => s.state);
  const error = useRiskStore((s) => s.error);
  if (!state) return <p className="risk-summary pane-note">{error ? `Risk state unavailable: ${error}` : 'Reading risk limits…'}</p>;
  const limit = state.limits.dailyLossLimit;
  return (
    <p className="risk-summary" data-testid="risk-summary">
      <span>
        Day P&amp;L{' '}
        <b className={`pnl-${directionOf(state.dayPnl)}`} data-testid="risk-day-pnl">
          {formatPnl(state.dayPnl)}
        </b>
      </span>
      <span data-testid="risk-loss-limit">
        Daily loss limit {limit === null ? 'none' : `${formatInr(limit)} (${lossUsedPct(state.dayPnl, limit)} % used)`}
      </span>
      <span>Open orders {formatCount(state.openOrderCount)}</span>
      {state.killSwitch.engaged ? <b className="risk-halted">Kill switch on: new orders are blocked</b> : null}
    </p>
  );
}
