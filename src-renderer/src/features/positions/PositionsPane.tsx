import { useCallback, useMemo } from 'react';
import type { Position } from '../../../../src-shared/contract/domains/orders';
import { positionRows, usePositionsStore } from '../../stores/positions-store';
import { openTicket } from '../../stores/ticket-store';
import { RiskSummary } from '../risk/RiskSummary';
import { Pane } from '../workspace/Pane';
import { PositionsTable } from './PositionsTable';
import '../orders/orders.css';

/** Net positions with live MTM (positions.changed), the day's P&L against the loss limit. */
export function PositionsPane() {
  const positions = usePositionsStore((s) => s.positions);
  const loaded = usePositionsStore((s) => s.loaded);
  const error = usePositionsStore((s) => s.error);
  const rows = useMemo(() => positionRows(positions), [positions]);
  const onExit = useCallback((p: Position) => {
    openTicket(p.netQuantity > 0 ? 'SELL' : 'BUY', {
      token: p.token,
      symbol: p.tradingsymbol,
      quantity: Math.abs(p.netQuantity),
      product: p.product,
    });
  }, []);

  return (
    <Pane title="Positions" area="positions" testId="pane-positions">
      <RiskSummary />
      {error ? <p className="pane-error">{error}</p> : null}
      {!loaded && !error ? <p className="pane-note">Loading positions…</p> : <PositionsTable positions={rows} onExit={onExit} />}
    </Pane>
  );
}
